import { z } from 'zod';
import {
  APP_DEFAULTS,
  DATA_DEFAULTS,
  DEFAULT_IMAGE_REGISTRY,
  DEFAULT_IMAGE_TAG,
  DEFAULT_MONITORING_NAMESPACE,
  DEFAULT_PROMETHEUS_RELEASE,
  POSTGRES_IMAGES,
} from './defaults';
import {
  cpu,
  dnsLabel,
  duration,
  entityRef,
  hostname,
  imageRegistry,
  imageTag,
  integer,
  memory,
  safeText,
} from './fields';
import { bytes, BYTES_PATTERN, cpuMillis, CPU_PATTERN } from './quantities';
import { platformSchema, podSettingsSchema } from './platform';
import { MAX_RELEASE_NAME_LENGTH } from '../naming/names';
import { COLORS, type AppComponent } from '../naming/components';

type Resources = {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
};

function resourcesSchema(defaults: Resources) {
  const pair = (d: { cpu: string; memory: string }) =>
    z
      .strictObject({
        cpu: cpu.default(d.cpu),
        memory: memory.default(d.memory),
      })
      .prefault({});
  return z
    .strictObject({
      requests: pair(defaults.requests),
      limits: pair(defaults.limits),
    })
    .prefault({})
    .superRefine((value, ctx) => {
      // A request above its limit is rejected by the API server; say so here, by field.
      // Zod still runs this when a quantity itself is malformed (already reported): skip those.
      const { requests, limits } = value;
      const cpus = [requests.cpu, limits.cpu];
      const memories = [requests.memory, limits.memory];
      if (
        cpus.every(q => CPU_PATTERN.test(q)) &&
        cpuMillis(requests.cpu) > cpuMillis(limits.cpu)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['requests', 'cpu'],
          message: `must not exceed limits.cpu (${limits.cpu})`,
        });
      }
      if (
        memories.every(q => BYTES_PATTERN.test(q)) &&
        bytes(requests.memory) > bytes(limits.memory)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['requests', 'memory'],
          message: `must not exceed limits.memory (${limits.memory})`,
        });
      }
    });
}

type AppDefaults = (typeof APP_DEFAULTS)[keyof typeof APP_DEFAULTS];

function appComponentSchema(component: AppComponent) {
  const defaults: AppDefaults = APP_DEFAULTS[component];
  const a = defaults.autoscaling;
  return z
    .strictObject({
      ...podSettingsSchema(component),
      replicas: integer(1, 50).default(defaults.replicas),
      resources: resourcesSchema(defaults.resources),
      autoscaling: z
        .strictObject({
          enabled: z.boolean().default(a.enabled),
          minReplicas: integer(1, 100).default(a.minReplicas),
          maxReplicas: integer(1, 100).default(a.maxReplicas),
          targetCPUUtilizationPercentage: integer(1, 100).default(
            a.targetCPUUtilizationPercentage,
          ),
          targetMemoryUtilizationPercentage: integer(1, 100).optional(),
        })
        .prefault({})
        .superRefine((value, ctx) => {
          if (value.minReplicas > value.maxReplicas) {
            ctx.addIssue({
              code: 'custom',
              path: ['minReplicas'],
              message: `must not exceed maxReplicas (${value.maxReplicas})`,
            });
          }
        }),
    })
    .prefault({});
}

const colorSchema = z
  .strictObject({ imageTag: imageTag.optional() })
  .prefault({});

export const INGRESS_PROVIDERS = ['traefik', 'nginx', 'gateway'] as const;
export const LOGGING_STACKS = ['loki', 'fluentd', 'none'] as const;
export const ROLLOUT_STRATEGIES = ['rolling', 'blue-green'] as const;

/**
 * The template's parameters and the CLI's values file: one schema, the same keys.
 * Unknown keys are errors (a typo must not silently fall back to a default).
 */
export const deploymentParametersSchema = z.strictObject({
  name: dnsLabel(MAX_RELEASE_NAME_LENGTH),
  owner: entityRef.default('group:default/platform-team'),
  description: safeText(500).default(
    'The evolution-todo stack: Next.js frontend, FastAPI backend, MCP server, PostgreSQL and Redis',
  ),
  /** Defaults to `name`. */
  namespace: dnsLabel(63).optional(),
  imageRegistry: imageRegistry.default(DEFAULT_IMAGE_REGISTRY),
  imageTag: imageTag.default(DEFAULT_IMAGE_TAG),
  ingress: z
    .strictObject({
      enabled: z.boolean().default(true),
      provider: z.enum(INGRESS_PROVIDERS).default('traefik'),
      /** IngressClass (traefik, nginx) or GatewayClass-independent; defaults to the provider's name. */
      className: dnsLabel(63).optional(),
      /** Defaults to `<name>.localhost`, which resolves to 127.0.0.1 for kind or minikube tunnels. */
      host: hostname.optional(),
      tls: z.boolean().default(false),
      /** Defaults to `<name>-tls` (e.g. issued by cert-manager). */
      tlsSecretName: dnsLabel(63).optional(),
      /**
       * The namespace the controller's (or the Gateway's) pods run in: the
       * NetworkPolicies admit outside traffic from there only. Defaults by
       * provider: traefik, ingress-nginx, or the Gateway's namespace.
       */
      controllerNamespace: dnsLabel(63).optional(),
      /** The Gateway an HTTPRoute attaches to, for provider "gateway". */
      gateway: z
        .strictObject({
          name: dnsLabel(63).default('traefik-gateway'),
          namespace: dnsLabel(63).default('traefik'),
        })
        .prefault({}),
    })
    .prefault({}),
  frontend: appComponentSchema('frontend'),
  backend: appComponentSchema('backend'),
  mcp: appComponentSchema('mcp'),
  postgres: z
    .strictObject({
      version: z
        .enum(Object.keys(POSTGRES_IMAGES) as [keyof typeof POSTGRES_IMAGES])
        .default(DATA_DEFAULTS.postgres.version),
      storage: memory.default(DATA_DEFAULTS.postgres.storage),
      /** Empty: the cluster's default StorageClass. */
      storageClass: z.union([z.literal(''), dnsLabel(253)]).default(''),
      /** A Secret (key `postgres-password`) created outside the chart; empty: the chart creates one at install. */
      existingSecret: z.union([z.literal(''), dnsLabel(253)]).default(''),
      database: dnsLabel(63).default('todo'),
      username: dnsLabel(63).default('todo'),
      resources: resourcesSchema(DATA_DEFAULTS.postgres.resources),
      ...podSettingsSchema('postgres'),
    })
    .prefault({}),
  redis: z
    .strictObject({
      enabled: z.boolean().default(true),
      resources: resourcesSchema(DATA_DEFAULTS.redis.resources),
      ...podSettingsSchema('redis'),
    })
    .prefault({}),
  monitoring: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** The namespace Prometheus runs in: the NetworkPolicies admit scrapes from there only. */
      namespace: dnsLabel(63).default(DEFAULT_MONITORING_NAMESPACE),
      /** The `release` label kube-prometheus-stack selects ServiceMonitors and PrometheusRules by. */
      prometheusRelease: dnsLabel(63).default(DEFAULT_PROMETHEUS_RELEASE),
      dashboards: z.boolean().default(true),
      alerts: z.boolean().default(true),
      scrapeInterval: duration.default('30s'),
    })
    .prefault({}),
  logging: z
    .strictObject({
      stack: z.enum(LOGGING_STACKS).default('loki'),
    })
    .prefault({}),
  rollout: z
    .strictObject({
      strategy: z.enum(ROLLOUT_STRATEGIES).default('rolling'),
      /** Blue-green: the colour the Services send traffic to. */
      activeColor: z.enum(COLORS).default('blue'),
      /** Blue-green: the app images' tag of each colour; each defaults to `imageTag`. */
      blue: colorSchema,
      green: colorSchema,
      /**
       * Blue-green: keep the idle colour running at full size, to check a new
       * version through its own Services before a switch, and to switch back
       * at once after one. Off, the idle colour runs no pods.
       */
      keepIdleWarm: z.boolean().default(false),
    })
    .prefault({}),
  ...platformSchema,
});

/** What a user writes: every key but `name` may be left out. */
export type DeploymentParameters = z.input<typeof deploymentParametersSchema>;
/** The schema's output, before the defaults that depend on other fields. */
export type ParsedDeploymentParameters = z.output<
  typeof deploymentParametersSchema
>;
