import {
  deploymentParametersSchema,
  type AppComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import { z } from 'zod';
import { POD_SETTING_KEYS } from '../conventions/podSettings';

/**
 * The contract of the chart's values: every key chartValues() produces, with
 * its type and rules. renderChart writes it as values.schema.json, so Helm
 * rejects a typo or a wrong type in a values file (`helm lint`, `install`,
 * `upgrade`, `template`) before anything reaches the cluster.
 *
 * The rules come from the parameter schema wherever a value comes straight
 * from a parameter, so the two never disagree:
 * - a section chartValues passes whole (`ingress: spec.ingress`) reuses the
 *   parameter section whole: a key added to the parameter schema needs no edit here;
 * - a section chartValues assembles key by key picks the same keys here;
 * - keys only the chart has (images, HPA behavior, exporters) are spelled here.
 * src/render/chart/valuesSchema.test.ts names any key chartValues produces
 * that this schema does not describe.
 */

const parameters = deploymentParametersSchema.shape;

/** Docker reference grammar, lowercase path components with an optional registry port. */
const REPOSITORY_PATTERN =
  /^[a-z0-9]+([._-]+[a-z0-9]+)*(:[0-9]{1,5})?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/;

const imageValues = z.strictObject({
  repository: z.string().max(255).regex(REPOSITORY_PATTERN),
  // The parameter's tag rules; "latest" is refused in JSON Schema by `not`.
  tag: parameters.imageTag.unwrap().meta({ not: { const: 'latest' } }),
  pullPolicy: z.enum(['IfNotPresent', 'Always', 'Never']),
});

const colorValues = z.strictObject({ imageTag: imageValues.shape.tag });

const count = (min: number, max: number) => z.number().int().min(min).max(max);

/** requests/limits as the parameters take them (cpu and memory quantities). */
const resourcesValues = parameters.redis.unwrap().shape.resources;

const logLevel = z
  .enum(['critical', 'error', 'warning', 'info', 'debug', 'trace'])
  .meta({ description: "The service's log level (LOG_LEVEL)" });

/** autoscaling/v2 HPAScalingRules, as far as a values file may set them. */
const scalingRules = z.strictObject({
  stabilizationWindowSeconds: count(0, 3600).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z
    .array(
      z.strictObject({
        type: z.enum(['Pods', 'Percent']),
        value: count(1, 1000),
        periodSeconds: count(1, 1800),
      }),
    )
    .min(1)
    .optional(),
});

/** The pod settings a platform team sets per component (nodeSelector, tolerations, ...). */
const POD_SETTINGS = Object.fromEntries(
  POD_SETTING_KEYS.map(key => [key, true]),
) as Record<(typeof POD_SETTING_KEYS)[number], true>;

function appValues(component: AppComponent) {
  const section = parameters[component].unwrap();
  return section
    .pick({ replicas: true, resources: true, ...POD_SETTINGS })
    .extend({
      image: imageValues,
      autoscaling: section.shape.autoscaling.unwrap().extend({
        behavior: z
          .strictObject({
            scaleUp: scalingRules.optional(),
            scaleDown: scalingRules.optional(),
          })
          .meta({ description: 'HorizontalPodAutoscaler spec.behavior' }),
      }),
    });
}

const DESCRIPTIONS: Record<AppComponent, string> = {
  frontend: 'The Next.js frontend',
  backend: 'The FastAPI backend',
  mcp: 'The MCP server',
};

const app = (component: AppComponent) =>
  appValues(component).meta({ description: DESCRIPTIONS[component] });

export const chartValuesSchema = z
  .strictObject({
    frontend: app('frontend'),
    backend: app('backend').extend({ logLevel }),
    mcp: app('mcp').extend({ logLevel }),
    postgres: parameters.postgres
      .unwrap()
      .pick({
        storage: true,
        storageClass: true,
        existingSecret: true,
        database: true,
        username: true,
        resources: true,
        ...POD_SETTINGS,
      })
      .extend({ image: imageValues })
      .meta({ description: 'The PostgreSQL StatefulSet' }),
    redis: parameters.redis
      .unwrap()
      .pick({ enabled: true, resources: true, ...POD_SETTINGS })
      .extend({ image: imageValues })
      .meta({ description: 'The Redis cache' }),
    ingress: parameters.ingress
      .unwrap()
      // The spec fills these from other fields; values always state them.
      .required({
        className: true,
        host: true,
        tlsSecretName: true,
        controllerNamespace: true,
      })
      .meta({
        description:
          'The way in: Ingress (traefik, nginx) or Gateway API HTTPRoute (gateway); "/" to the frontend, "/api" to the backend, "/mcp" to the MCP server',
      }),
    monitoring: parameters.monitoring
      .unwrap()
      .extend({
        exporters: z.strictObject({
          postgres: z.strictObject({
            image: imageValues,
            resources: resourcesValues,
          }),
          redis: z.strictObject({
            image: imageValues,
            resources: resourcesValues,
          }),
        }),
      })
      .meta({
        description: 'ServiceMonitors, PrometheusRules and Grafana dashboards',
      }),
    logging: parameters.logging.unwrap(),
    rollout: parameters.rollout
      .unwrap()
      // The spec fills each colour's tag from imageTag; values always state them.
      .extend({ blue: colorValues, green: colorValues })
      .meta({
        description:
          'rolling, or blue-green with the Services on activeColor, each colour on its own imageTag',
      }),
    podDisruptionBudget: z
      .strictObject({
        enabled: z.boolean(),
        maxUnavailable: z.union([
          count(1, 1000),
          z.string().regex(/^([1-9][0-9]?|100)%$/),
        ]),
      })
      .meta({ description: 'One PodDisruptionBudget per component' }),
    networkPolicy: z.strictObject({ enabled: z.boolean() }).meta({
      description:
        'Default-deny NetworkPolicies; traffic in only from ingress.controllerNamespace, monitoring.namespace and the stack itself',
    }),
    imagePullSecrets: z
      .array(
        z.strictObject({ name: parameters.imagePullSecrets.unwrap().element }),
      )
      .meta({
        description: 'Registry credentials (Secret names) for every pod',
      }),
    serviceAccount: parameters.serviceAccount.unwrap().meta({
      description:
        "The release's ServiceAccount (annotations: IRSA, workload identity)",
    }),
    tests: z
      .strictObject({ image: imageValues })
      .meta({ description: 'The `helm test` hook pod' }),
  })
  .meta({ title: 'evolution-todo chart values' });

/**
 * values.schema.json: JSON Schema draft-07, which Helm 3 and Helm 4 both
 * validate. Defaults are left out on purpose: values.yaml is where the chart's
 * defaults live, and the parameter defaults would contradict a rendered one.
 */
export function chartValuesJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(chartValuesSchema, {
    target: 'draft-7',
    override: ({ jsonSchema }) => {
      delete (jsonSchema as { default?: unknown }).default;
    },
  }) as Record<string, unknown>;
}
