import type { DeploymentSpec } from '@evolution-todo/plugin-evolution-todo-common';
import { hpaBehavior } from '../autoscalingBehavior';
import {
  DEFAULT_LOG_LEVEL,
  HELM_TEST_IMAGE,
  PDB_MAX_UNAVAILABLE,
} from '../conventions/workloads';
import { podSettingsOf } from '../conventions/podSettings';
import { EXPORTER_RESOURCES } from '../conventions/monitoring';

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
 * Every key must be described in valuesSchema.ts (values.schema.json, which
 * Helm enforces); valuesSchema.test.ts names any key that is not.
 */
export function chartValues(spec: DeploymentSpec) {
  const app = (component: 'frontend' | 'backend' | 'mcp') => ({
    image: image(spec.images[component]),
    replicas: spec[component].replicas,
    resources: spec[component].resources,
    autoscaling: { ...spec[component].autoscaling, behavior: hpaBehavior() },
    ...podSettingsOf(spec[component]),
  });
  return {
    frontend: app('frontend'),
    backend: { ...app('backend'), logLevel: DEFAULT_LOG_LEVEL },
    mcp: { ...app('mcp'), logLevel: DEFAULT_LOG_LEVEL },
    postgres: {
      image: image(spec.images.postgres),
      storage: spec.postgres.storage,
      storageClass: spec.postgres.storageClass,
      existingSecret: spec.postgres.existingSecret,
      database: spec.postgres.database,
      username: spec.postgres.username,
      resources: spec.postgres.resources,
      ...podSettingsOf(spec.postgres),
    },
    redis: {
      enabled: spec.redis.enabled,
      image: image(spec.images.redis),
      resources: spec.redis.resources,
      ...podSettingsOf(spec.redis),
    },
    ingress: spec.ingress,
    monitoring: {
      ...spec.monitoring,
      exporters: {
        postgres: {
          image: image(spec.images.postgresExporter),
          resources: structuredClone(EXPORTER_RESOURCES),
        },
        redis: {
          image: image(spec.images.redisExporter),
          resources: structuredClone(EXPORTER_RESOURCES),
        },
      },
    },
    logging: spec.logging,
    rollout: spec.rollout,
    podDisruptionBudget: { enabled: true, maxUnavailable: PDB_MAX_UNAVAILABLE },
    // Traffic from outside comes only from ingress.controllerNamespace and monitoring.namespace.
    networkPolicy: { enabled: true },
    // Registry credentials for every pod, as `helm create` charts take them.
    imagePullSecrets: spec.imagePullSecrets.map(name => ({ name })),
    serviceAccount: { annotations: spec.serviceAccount.annotations },
    // The `helm test` hook pod.
    tests: { image: image(HELM_TEST_IMAGE) },
  };
}

export type ChartValues = ReturnType<typeof chartValues>;
