import {
  APP_COMPONENTS,
  CHART_ENV_NAMES,
  INGRESS_PROVIDERS,
  LOGGING_STACKS,
  MAX_RELEASE_NAME_LENGTH,
  POSTGRES_IMAGES,
  ROLLOUT_STRATEGIES,
} from '@evolution-todo/plugin-evolution-todo-common';
import fc from 'fast-check';

/**
 * fast-check arbitraries for parameters the schema accepts, built from the
 * schema's own constraints: DNS labels and their lengths, integer ranges,
 * requests ≤ limits, minReplicas ≤ maxReplicas, the enums, every toggle.
 * Every key but `name` may be absent, as in a real form or values file.
 */

/** An RFC 1123 label of at most `max` characters, starting with a letter. */
export const dnsLabel = (max: number) =>
  fc
    .tuple(
      fc.stringMatching(/^[a-z]$/),
      fc.stringMatching(new RegExp(`^[-a-z0-9]{0,${max - 2}}$`)),
      fc.stringMatching(/^[a-z0-9]$/),
      fc.boolean(),
    )
    .map(([first, middle, last, single]) =>
      single
        ? first
        : `${first}${middle}${last}`.slice(0, max).replace(/-+$/, ''),
    );

const hostname = fc
  .array(dnsLabel(20), { minLength: 1, maxLength: 4 })
  .map(labels => labels.join('.'));

/** A request and a limit with request ≤ limit, in the units people write. */
const cpuPair = fc
  .tuple(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 4000 }))
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)])
  .map(pair => pair.map(m => (m % 1000 === 0 ? String(m / 1000) : `${m}m`)));

const memoryPair = fc
  .tuple(
    fc.integer({ min: 16, max: 16384 }),
    fc.integer({ min: 16, max: 16384 }),
  )
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)])
  .map(pair =>
    pair.map(mi => (mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`)),
  );

const resources = fc
  .tuple(cpuPair, memoryPair)
  .map(([[requestCpu, limitCpu], [requestMemory, limitMemory]]) => ({
    requests: { cpu: requestCpu, memory: requestMemory },
    limits: { cpu: limitCpu, memory: limitMemory },
  }));

const optional = { requiredKeys: [] as never[] };

const autoscaling = fc
  .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }))
  .chain(([a, b]) =>
    fc.record(
      {
        enabled: fc.boolean(),
        minReplicas: fc.constant(Math.min(a, b)),
        maxReplicas: fc.constant(Math.max(a, b)),
        targetCPUUtilizationPercentage: fc.integer({ min: 1, max: 100 }),
        targetMemoryUtilizationPercentage: fc.integer({ min: 1, max: 100 }),
      },
      optional,
    ),
  )
  // Only one side given: the other is the component's default, which may be smaller or larger.
  .filter(a => (a.minReplicas === undefined) === (a.maxReplicas === undefined));

const imageTag = fc
  .stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$/)
  .filter(tag => tag !== 'latest');

/** A label key with an optional DNS prefix, as platform teams write them. */
const labelKey = fc
  .tuple(
    fc.option(fc.constantFrom('example.com', 'team.acme.io'), {
      nil: undefined,
    }),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
  )
  .map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name))
  // Keys the chart sets itself are refused by the schema.
  .filter(key => !key.startsWith('app.kubernetes.io/'));
const labelValue = fc.stringMatching(
  /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?)?$/,
);

const toleration = fc.oneof(
  fc.record({
    key: labelKey,
    operator: fc.constant('Equal' as const),
    value: labelValue,
    effect: fc.constantFrom('NoSchedule' as const, 'PreferNoSchedule' as const),
  }),
  fc.record({
    key: labelKey,
    operator: fc.constant('Exists' as const),
    effect: fc.constant('NoExecute' as const),
    tolerationSeconds: fc.integer({ min: 0, max: 3600 }),
  }),
);

const affinity = fc.record(
  {
    nodeAffinity: labelKey.map(key => ({
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key, operator: 'Exists' }] },
        ],
      },
    })),
    podAntiAffinity: labelKey.map(key => ({
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 50,
          podAffinityTerm: {
            topologyKey: 'topology.kubernetes.io/zone',
            labelSelector: { matchLabels: { [key]: 'x' } },
          },
        },
      ],
    })),
  },
  optional,
);

/** Environment names the chart sets in some container; extraEnv may not reuse them. */
const envName = fc
  .stringMatching(/^[A-Z][A-Z0-9_]{0,15}$/)
  .filter(name => !Object.values(CHART_ENV_NAMES).flat().includes(name));
const extraEnv = fc.uniqueArray(
  fc.oneof(
    fc.record({ name: envName, value: fc.stringMatching(/^[ -~]{0,30}$/) }),
    fc.record({
      name: envName,
      valueFrom: fc.record({
        secretKeyRef: fc.record({
          name: dnsLabel(30),
          key: fc.constantFrom('token', 'api-key'),
        }),
      }),
    }),
  ),
  { maxLength: 3, selector: v => v.name },
);

/** The pod settings platform teams set per component (see common's parameters/platform.ts). */
const podSettings = {
  nodeSelector: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
  tolerations: fc.array(toleration, { maxLength: 2 }),
  affinity,
  priorityClassName: fc.constantFrom('', 'high-priority', 'system.critical'),
  podAnnotations: fc.dictionary(labelKey, fc.stringMatching(/^[ -~]{0,30}$/), {
    maxKeys: 2,
  }),
  podLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
  extraEnv,
};

const appComponent = fc.record(
  {
    replicas: fc.integer({ min: 1, max: 50 }),
    resources,
    autoscaling,
    ...podSettings,
  },
  optional,
);

const safeText = fc.stringMatching(/^[A-Za-z0-9 ,.:()'"!?&+-]{0,120}$/);

export const deploymentParameters = fc.record(
  {
    name: dnsLabel(MAX_RELEASE_NAME_LENGTH),
    owner: fc.constantFrom(
      'group:default/platform-team',
      'user:jane',
      'team-a',
    ),
    description: safeText,
    namespace: dnsLabel(63),
    imageRegistry: fc.constantFrom(
      'ghcr.io/acme',
      'registry.local:5000/team/apps',
      'docker.io/library',
    ),
    imageTag,
    ingress: fc.record(
      {
        enabled: fc.boolean(),
        provider: fc.constantFrom(...INGRESS_PROVIDERS),
        className: dnsLabel(63),
        host: hostname,
        tls: fc.boolean(),
        tlsSecretName: dnsLabel(63),
        controllerNamespace: dnsLabel(63),
        gateway: fc.record(
          { name: dnsLabel(63), namespace: dnsLabel(63) },
          optional,
        ),
      },
      optional,
    ),
    ...Object.fromEntries(
      APP_COMPONENTS.map(component => [component, appComponent]),
    ),
    postgres: fc.record(
      {
        version: fc.constantFrom(
          ...(Object.keys(POSTGRES_IMAGES) as (keyof typeof POSTGRES_IMAGES)[]),
        ),
        storage: fc.integer({ min: 1, max: 2000 }).map(gi => `${gi}Gi`),
        storageClass: fc.oneof(fc.constant(''), dnsLabel(63)),
        existingSecret: fc.oneof(fc.constant(''), dnsLabel(63)),
        database: dnsLabel(63),
        username: dnsLabel(63),
        resources,
        ...podSettings,
      },
      optional,
    ),
    redis: fc.record(
      { enabled: fc.boolean(), resources, ...podSettings },
      optional,
    ),
    monitoring: fc.record(
      {
        enabled: fc.boolean(),
        namespace: dnsLabel(63),
        prometheusRelease: dnsLabel(63),
        dashboards: fc.boolean(),
        alerts: fc.boolean(),
        scrapeInterval: fc
          .tuple(fc.integer({ min: 5, max: 300 }), fc.constantFrom('s', 'm'))
          .map(([n, unit]) => `${n}${unit}`),
      },
      optional,
    ),
    logging: fc.record({ stack: fc.constantFrom(...LOGGING_STACKS) }, optional),
    rollout: fc.record(
      {
        strategy: fc.constantFrom(...ROLLOUT_STRATEGIES),
        activeColor: fc.constantFrom('blue', 'green'),
        blue: fc.record({ imageTag }, optional),
        green: fc.record({ imageTag }, optional),
        keepIdleWarm: fc.boolean(),
      },
      optional,
    ),
    imagePullSecrets: fc.array(dnsLabel(40), { maxLength: 2 }),
    serviceAccount: fc.record(
      {
        annotations: fc.dictionary(
          labelKey,
          fc.stringMatching(/^[ -~]{0,40}$/),
          { maxKeys: 2 },
        ),
      },
      optional,
    ),
  },
  { requiredKeys: ['name'] },
);
