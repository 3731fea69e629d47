import type { DeploymentSpec } from '@evolution-todo/plugin-evolution-todo-common';

/** An image as Helm charts conventionally take it. */
export interface ImageValues {
  repository: string;
  tag: string;
  pullPolicy: 'IfNotPresent';
}

function image(reference: string): ImageValues {
  const at = reference.lastIndexOf(':');
  return {
    repository: reference.slice(0, at),
    tag: reference.slice(at + 1),
    pullPolicy: 'IfNotPresent',
  };
}

/**
 * The chart's values for a DeploymentSpec: what the generated repository's
 * helm/evolution-todo/values.yaml holds. The raw manifests in k8s/ are the
 * chart rendered with exactly these values (a test proves it with real Helm).
 */
export function chartValues(spec: DeploymentSpec) {
  const app = (component: 'frontend' | 'backend' | 'mcp') => ({
    image: image(spec.images[component]),
    replicas: spec[component].replicas,
    resources: spec[component].resources,
    autoscaling: spec[component].autoscaling,
  });
  return {
    frontend: app('frontend'),
    backend: app('backend'),
    mcp: app('mcp'),
    postgres: {
      image: image(spec.images.postgres),
      storage: spec.postgres.storage,
      storageClass: spec.postgres.storageClass,
      existingSecret: spec.postgres.existingSecret,
      database: spec.postgres.database,
      username: spec.postgres.username,
      resources: spec.postgres.resources,
    },
    redis: {
      enabled: spec.redis.enabled,
      image: image(spec.images.redis),
      resources: spec.redis.resources,
    },
    ingress: spec.ingress,
    monitoring: {
      ...spec.monitoring,
      exporters: {
        postgres: { image: image(spec.images.postgresExporter) },
        redis: { image: image(spec.images.redisExporter) },
      },
    },
    logging: spec.logging,
    rollout: spec.rollout,
  };
}

export type ChartValues = ReturnType<typeof chartValues>;
