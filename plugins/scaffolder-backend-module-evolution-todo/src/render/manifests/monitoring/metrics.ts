/**
 * Every metric the alerts and dashboards query, with where it comes from. A test
 * parses every PromQL expression and fails on a metric not listed here, so a
 * new query means a conscious entry in this list (and, for the app metrics, a
 * promise the services must keep).
 */
export type MetricSource =
  | 'backend and mcp /metrics'
  | 'prometheus'
  | 'postgres_exporter'
  | 'redis_exporter'
  | 'kube-state-metrics'
  | 'cadvisor';

export interface DocumentedMetric {
  source: MetricSource;
  help: string;
}

/**
 * The HTTP metrics the starter services (backend and MCP server) expose with
 * prometheus_client on GET /metrics of their `http` port, with exactly these
 * label names; a test reads the services' Python source to hold them to it.
 * `route` is the route template (/api/todos/{todo_id}), never the raw path.
 */
export const APP_HTTP_METRICS = {
  requests: {
    name: 'http_requests_total',
    kind: 'Counter',
    labels: ['method', 'route', 'status'],
  },
  duration: {
    name: 'http_request_duration_seconds',
    kind: 'Histogram',
    labels: ['method', 'route'],
  },
} as const;

/** Labels Prometheus adds to every series it scrapes through a ServiceMonitor. */
export const SCRAPE_TARGET_LABELS = [
  'namespace',
  'job',
  'service',
  'endpoint',
  'pod',
  'container',
  'instance',
] as const;

/** The bucket label of a histogram's `_bucket` series. */
export const HISTOGRAM_BUCKET_LABEL = 'le';

export const DOCUMENTED_METRICS: Record<string, DocumentedMetric> = {
  [APP_HTTP_METRICS.requests.name]: {
    source: 'backend and mcp /metrics',
    help: `Counter of handled requests, labels ${APP_HTTP_METRICS.requests.labels.join(
      ', ',
    )} (status is the code, e.g. "200")`,
  },
  [`${APP_HTTP_METRICS.duration.name}_bucket`]: {
    source: 'backend and mcp /metrics',
    help: `Histogram buckets of request duration in seconds, labels ${[
      ...APP_HTTP_METRICS.duration.labels,
      HISTOGRAM_BUCKET_LABEL,
    ].join(', ')}`,
  },
  up: {
    source: 'prometheus',
    help: '1 when the last scrape of a target succeeded',
  },
  pg_up: {
    source: 'postgres_exporter',
    help: '1 when the exporter can query PostgreSQL',
  },
  pg_stat_database_numbackends: {
    source: 'postgres_exporter',
    help: 'Open connections per database (datname)',
  },
  pg_settings_max_connections: {
    source: 'postgres_exporter',
    help: 'The max_connections setting',
  },
  pg_stat_database_xact_commit: {
    source: 'postgres_exporter',
    help: 'Committed transactions per database',
  },
  pg_stat_database_xact_rollback: {
    source: 'postgres_exporter',
    help: 'Rolled back transactions per database',
  },
  pg_stat_database_blks_hit: {
    source: 'postgres_exporter',
    help: 'Blocks found in the buffer cache per database',
  },
  pg_stat_database_blks_read: {
    source: 'postgres_exporter',
    help: 'Blocks read from disk per database',
  },
  pg_database_size_bytes: {
    source: 'postgres_exporter',
    help: 'Disk size of each database',
  },
  redis_up: {
    source: 'redis_exporter',
    help: '1 when the exporter can reach Redis',
  },
  kube_horizontalpodautoscaler_status_current_replicas: {
    source: 'kube-state-metrics',
    help: 'Current replicas of an HPA',
  },
  kube_horizontalpodautoscaler_status_desired_replicas: {
    source: 'kube-state-metrics',
    help: 'Replicas an HPA wants',
  },
  kube_horizontalpodautoscaler_spec_min_replicas: {
    source: 'kube-state-metrics',
    help: 'minReplicas of an HPA',
  },
  kube_horizontalpodautoscaler_spec_max_replicas: {
    source: 'kube-state-metrics',
    help: 'maxReplicas of an HPA',
  },
  kube_pod_container_status_restarts_total: {
    source: 'kube-state-metrics',
    help: 'Container restarts per pod and container',
  },
  kube_pod_container_resource_limits: {
    source: 'kube-state-metrics',
    help: 'Container limits, label resource ("cpu", "memory")',
  },
  container_cpu_usage_seconds_total: {
    source: 'cadvisor',
    help: 'CPU time used per container',
  },
  container_memory_working_set_bytes: {
    source: 'cadvisor',
    help: 'Working set memory per container',
  },
};
