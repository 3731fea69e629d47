import {
  APP_COMPONENTS,
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

const appComponent = fc.record(
  { replicas: fc.integer({ min: 1, max: 50 }), resources, autoscaling },
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
    imageTag: fc
      .stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$/)
      .filter(tag => tag !== 'latest'),
    ingress: fc.record(
      {
        enabled: fc.boolean(),
        provider: fc.constantFrom(...INGRESS_PROVIDERS),
        className: dnsLabel(63),
        host: hostname,
        tls: fc.boolean(),
        tlsSecretName: dnsLabel(63),
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
      },
      optional,
    ),
    redis: fc.record({ enabled: fc.boolean(), resources }, optional),
    monitoring: fc.record(
      {
        enabled: fc.boolean(),
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
      },
      optional,
    ),
  },
  { requiredKeys: ['name'] },
);
