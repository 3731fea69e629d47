/**
 * Defaults of the evolution-todo stack (from the product spec). The parameter
 * schema applies them; the chart's own values.yaml must hold the same numbers,
 * which a test checks.
 */
export const APP_DEFAULTS = {
  frontend: {
    replicas: 3,
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '200m', memory: '256Mi' },
    },
    autoscaling: {
      enabled: false,
      minReplicas: 3,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 70,
    },
  },
  backend: {
    replicas: 3,
    resources: {
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    },
    autoscaling: {
      enabled: true,
      minReplicas: 2,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 70,
    },
  },
  mcp: {
    replicas: 2,
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '200m', memory: '256Mi' },
    },
    autoscaling: {
      enabled: false,
      minReplicas: 2,
      maxReplicas: 5,
      targetCPUUtilizationPercentage: 70,
    },
  },
} as const;

/**
 * PostgreSQL major versions offered, each pinned to a patch image. 15 is
 * supported by the PostgreSQL project until 2027-11, for teams not yet on 16+.
 */
export const POSTGRES_IMAGES = {
  '15': 'postgres:15.14-alpine3.22',
  '16': 'postgres:16.10-alpine3.22',
  '17': 'postgres:17.6-alpine3.22',
  '18': 'postgres:18.1-alpine3.22',
} as const;

export const REDIS_IMAGE = 'redis:7.4.6-alpine3.21';

export const DATA_DEFAULTS = {
  postgres: {
    version: '17' as keyof typeof POSTGRES_IMAGES,
    storage: '10Gi',
    resources: {
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    },
  },
  redis: {
    resources: {
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '200m', memory: '256Mi' },
    },
  },
} as const;

export const DEFAULT_IMAGE_REGISTRY = 'ghcr.io/evolution-todo';
export const DEFAULT_IMAGE_TAG = '0.1.0';
/** kube-prometheus-stack selects ServiceMonitors and rules by its release name. */
export const DEFAULT_PROMETHEUS_RELEASE = 'kube-prometheus-stack';

/** Where kube-prometheus-stack is usually installed; Prometheus scrapes from its pods there. */
export const DEFAULT_MONITORING_NAMESPACE = 'monitoring';

/** Prometheus exporters run as sidecars of the data stores when monitoring is on. */
export const EXPORTER_IMAGES = {
  postgres: 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1',
  redis: 'oliver006/redis_exporter:v1.74.0-alpine',
} as const;

/** Chart.yaml `version` of helm/evolution-todo. */
export const CHART_VERSION = '0.1.0';
