import {
  bytes,
  cpuMillis,
  type AppComponent,
  type DeploymentSpec,
} from '@evolution-todo/plugin-evolution-todo-common';
import { isDeepStrictEqual } from 'node:util';
import { chartValues } from './values';

/** A part of a spec: every key optional, at every depth (arrays are replaced whole). */
export type SpecOverrides<T = DeploymentSpec> = {
  [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object
    ? SpecOverrides<T[K]>
    : T[K];
};

type Resources = DeploymentSpec['postgres']['resources'];

/**
 * What production needs at least. Each number is a floor: a spec that already
 * asks for more keeps its own, so production never gets less than development.
 */
const PRODUCTION_FLOORS = {
  frontend: {
    minReplicas: 3,
    maxReplicas: 10,
    resources: {
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    },
  },
  backend: {
    minReplicas: 3,
    maxReplicas: 20,
    resources: {
      requests: { cpu: '500m', memory: '512Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    },
  },
  mcp: {
    minReplicas: 2,
    maxReplicas: 6,
    resources: {
      requests: { cpu: '200m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    },
  },
  postgres: {
    storage: '50Gi',
    resources: {
      requests: { cpu: '500m', memory: '1Gi' },
      limits: { cpu: '2', memory: '2Gi' },
    },
  },
  redis: {
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    },
  },
} as const;

const largerCpu = (a: string, b: string) =>
  cpuMillis(b) > cpuMillis(a) ? b : a;
const largerBytes = (a: string, b: string) => (bytes(b) > bytes(a) ? b : a);

// Taking the larger of each quantity keeps requests <= limits: both sides are
// ordered in the spec and in the floors, and max() preserves the order.
function largerResources(current: Resources, floor: Resources): Resources {
  return {
    requests: {
      cpu: largerCpu(current.requests.cpu, floor.requests.cpu),
      memory: largerBytes(current.requests.memory, floor.requests.memory),
    },
    limits: {
      cpu: largerCpu(current.limits.cpu, floor.limits.cpu),
      memory: largerBytes(current.limits.memory, floor.limits.memory),
    },
  };
}

function productionApp(spec: DeploymentSpec, component: AppComponent) {
  const current = spec[component];
  const floor = PRODUCTION_FLOORS[component];
  const minReplicas = Math.max(
    current.autoscaling.minReplicas,
    floor.minReplicas,
  );
  return {
    // Should someone switch the HPA off, the static count is still production-sized.
    replicas: Math.max(current.replicas, floor.minReplicas),
    resources: largerResources(current.resources, floor.resources),
    autoscaling: {
      enabled: true,
      minReplicas,
      maxReplicas: Math.max(current.autoscaling.maxReplicas, floor.maxReplicas),
    },
  };
}

/**
 * How production differs from the rendered deployment, as a partial spec: every
 * app service autoscaled with production-sized floors, larger resources and
 * storage, TLS on. values-prod.yaml is derived from this alone.
 */
export function productionOverrides(spec: DeploymentSpec): SpecOverrides {
  return {
    frontend: productionApp(spec, 'frontend'),
    backend: productionApp(spec, 'backend'),
    mcp: productionApp(spec, 'mcp'),
    postgres: {
      storage: largerBytes(
        spec.postgres.storage,
        PRODUCTION_FLOORS.postgres.storage,
      ),
      resources: largerResources(
        spec.postgres.resources,
        PRODUCTION_FLOORS.postgres.resources,
      ),
    },
    redis: {
      resources: largerResources(
        spec.redis.resources,
        PRODUCTION_FLOORS.redis.resources,
      ),
    },
    ingress: { tls: true },
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function merge<T>(base: T, overrides: SpecOverrides<T>): T {
  const result: Record<string, unknown> = {
    ...(base as Record<string, unknown>),
  };
  for (const [key, value] of Object.entries(overrides)) {
    result[key] =
      isPlainObject(value) && isPlainObject(result[key])
        ? merge(result[key], value)
        : value;
  }
  return result as T;
}

/** The spec with the overrides laid over it. */
export function applyOverrides(
  spec: DeploymentSpec,
  overrides: SpecOverrides,
): DeploymentSpec {
  return merge(spec, overrides);
}

/**
 * The part of `target` that differs from `base`, for a Helm values file laid
 * over `base`: Helm merges maps key by key and replaces everything else.
 */
export function changedValues(
  base: Record<string, unknown>,
  target: Record<string, unknown>,
  path: string[] = [],
): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && target[key] === undefined) {
      // A values file can add and change keys but not remove them.
      throw new Error(
        `the production values drop ${[...path, key].join(
          '.',
        )}, which an overlay cannot express`,
      );
    }
  }
  for (const [key, value] of Object.entries(target)) {
    const before = base[key];
    if (isPlainObject(value) && isPlainObject(before)) {
      const nested = changedValues(before, value, [...path, key]);
      if (Object.keys(nested).length > 0) {
        changed[key] = nested;
      }
    } else if (!isDeepStrictEqual(before, value)) {
      changed[key] = value;
    }
  }
  return changed;
}

/** values-prod.yaml: only the values production changes, laid over values.yaml. */
export function productionValues(
  spec: DeploymentSpec,
): Record<string, unknown> {
  return changedValues(
    chartValues(spec),
    chartValues(applyOverrides(spec, productionOverrides(spec))),
  );
}
