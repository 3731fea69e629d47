/**
 * Every metric the alerts and dashboards query, with where it comes from:
 * which of our scrape targets exposes it (the starter services, the
 * exporters) or which job of the cluster's monitoring stack scrapes it
 * (kubelet, cAdvisor, kube-state-metrics). metricsExposure.test.ts parses
 * every PromQL expression of every dashboard panel and alert rule and fails,
 * naming the panel or alert, on a metric not listed here, on one no target
 * scraped for that deployment exposes, and on a job or label its source does
 * not have. A new query means a conscious entry here (and, for the app
 * metrics, a promise the services must keep: services.test.ts reads them).
 */
export type MetricSource =
  | 'backend and mcp /metrics'
  | 'prometheus'
  | 'postgres_exporter'
  | 'redis_exporter'
  | 'kube-state-metrics'
  | 'cadvisor'
  | 'kubelet';

export interface DocumentedMetric {
  source: MetricSource;
  help: string;
  /**
   * The labels the metric carries itself, beside the target labels
   * Prometheus attaches (SCRAPE_TARGET_LABELS). When given, a test holds every
   * label matcher of every query on this metric to it.
   */
  labels?: readonly string[];
}

/** The workloads of this chart that expose metrics and the ServiceMonitors scrape (targets.ts). */
export type ScrapedComponent =
  | 'backend'
  | 'mcp'
  | 'postgres-exporter'
  | 'redis-exporter';

/**
 * How Prometheus gets a source's metrics:
 * - `targets`: our ServiceMonitors scrape these workloads (job = the
 *   Service's name, e.g. "todo-backend"); the metric exists only when one of
 *   them is scraped for the deployment.
 * - `every-target`: Prometheus writes the series itself for each scrape.
 * - `cluster`: kube-prometheus-stack's own ServiceMonitors scrape it, with
 *   this job and metrics path; the chart deploys nothing for it.
 */
export type MetricOrigin =
  | { kind: 'targets'; components: readonly ScrapedComponent[] }
  | { kind: 'every-target' }
  | { kind: 'cluster'; job: string; path: string };

export const METRIC_ORIGINS: Record<MetricSource, MetricOrigin> = {
  'backend and mcp /metrics': {
    kind: 'targets',
    components: ['backend', 'mcp'],
  },
  postgres_exporter: { kind: 'targets', components: ['postgres-exporter'] },
  redis_exporter: { kind: 'targets', components: ['redis-exporter'] },
  prometheus: { kind: 'every-target' },
  // kube-prometheus-stack's kube-state-metrics ServiceMonitor.
  'kube-state-metrics': {
    kind: 'cluster',
    job: 'kube-state-metrics',
    path: '/metrics',
  },
  // kube-prometheus-stack's kubelet ServiceMonitor: one job, three paths.
  cadvisor: { kind: 'cluster', job: 'kubelet', path: '/metrics/cadvisor' },
  kubelet: { kind: 'cluster', job: 'kubelet', path: '/metrics' },
};

/**
 * The exporter releases the metric names below were read from (their
 * sources: postgres_exporter collector/*.go and the pg_stat_activity query of
 * cmd/postgres_exporter; redis_exporter exporter/exporter.go). A test holds
 * the images the chart deploys to these tags, so an image bump means
 * re-reading the names.
 */
export const EXPORTER_VERSIONS_CHECKED = {
  postgres: 'v0.17.1',
  redis: 'v1.74.0',
} as const;

const PG_DATABASE = ['datid', 'datname'] as const;
const PG_ACTIVITY = [
  'datname',
  'state',
  'usename',
  'application_name',
  'backend_type',
  'wait_event_type',
  'wait_event',
] as const;
const KSM_HPA = ['namespace', 'horizontalpodautoscaler'] as const;
const KSM_PVC = ['namespace', 'persistentvolumeclaim'] as const;
const CADVISOR = [
  'namespace',
  'pod',
  'container',
  'id',
  'image',
  'name',
] as const;

/** pg_stat_database counters of postgres_exporter's stat_database collector (default on). */
const PG_STAT_DATABASE_COUNTERS: Record<string, string> = {
  xact_commit: 'Committed transactions per database',
  xact_rollback: 'Rolled back transactions per database',
  blks_hit: 'Blocks found in the buffer cache per database',
  blks_read: 'Blocks read from disk per database',
  tup_returned:
    'Rows returned by queries (sequential scans read them all) per database',
  tup_fetched: 'Rows fetched by queries (index scans) per database',
  tup_inserted: 'Rows inserted per database',
  tup_updated: 'Rows updated per database',
  tup_deleted: 'Rows deleted per database',
  deadlocks: 'Deadlocks detected per database',
  conflicts: 'Queries canceled by recovery conflicts per database',
  temp_bytes: 'Bytes written to temporary files by queries per database',
  blk_read_time:
    'Milliseconds backends spent reading data blocks (track_io_timing)',
  blk_write_time:
    'Milliseconds backends spent writing data blocks (track_io_timing)',
};

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

/**
 * The backend's cache metrics (its todo list is cached in Redis when REDIS_URL
 * is set): the backend defines them with prometheus_client on the same GET
 * /metrics, with exactly these label names; a test reads its Python source to
 * hold it to them. No alert or dashboard queries them yet, so they are not in
 * DOCUMENTED_METRICS (which lists only what the queries read); a query added
 * for them must add them there.
 */
export const APP_CACHE_METRICS = {
  /** 1 while Redis answered the last call; 0 after a failed one, and 0 when no cache is configured. */
  up: {
    name: 'todo_cache_up',
    kind: 'Gauge',
    labels: [],
  },
  /** Failed Redis calls; `operation` is read, write, invalidate or ping. */
  errors: {
    name: 'todo_cache_errors_total',
    kind: 'Counter',
    labels: ['operation'],
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
    labels: APP_HTTP_METRICS.requests.labels,
  },
  [`${APP_HTTP_METRICS.duration.name}_bucket`]: {
    source: 'backend and mcp /metrics',
    help: `Histogram buckets of request duration in seconds, labels ${[
      ...APP_HTTP_METRICS.duration.labels,
      HISTOGRAM_BUCKET_LABEL,
    ].join(', ')}`,
    labels: [...APP_HTTP_METRICS.duration.labels, HISTOGRAM_BUCKET_LABEL],
  },
  up: {
    source: 'prometheus',
    help: '1 when the last scrape of a target succeeded',
    labels: [],
  },
  pg_up: {
    source: 'postgres_exporter',
    help: '1 when the exporter can query PostgreSQL',
    labels: [],
  },
  pg_stat_database_numbackends: {
    source: 'postgres_exporter',
    help: 'Open connections per database (datname)',
    labels: PG_DATABASE,
  },
  pg_settings_max_connections: {
    source: 'postgres_exporter',
    help: 'The max_connections setting',
    labels: [],
  },
  ...Object.fromEntries(
    Object.entries(PG_STAT_DATABASE_COUNTERS).map(([column, help]) => [
      `pg_stat_database_${column}`,
      { source: 'postgres_exporter', help, labels: PG_DATABASE } as const,
    ]),
  ),
  pg_database_size_bytes: {
    source: 'postgres_exporter',
    help: 'Disk size of each database',
    labels: ['datname'],
  },
  pg_stat_activity_count: {
    source: 'postgres_exporter',
    help: 'Connections per database and state (active, idle, idle in transaction...)',
    labels: PG_ACTIVITY,
  },
  pg_stat_activity_max_tx_duration: {
    source: 'postgres_exporter',
    help: 'Seconds the oldest transaction per database and state has been open',
    labels: PG_ACTIVITY,
  },
  pg_locks_count: {
    source: 'postgres_exporter',
    help: 'Locks held per database and lock mode',
    labels: ['datname', 'mode'],
  },
  redis_up: {
    source: 'redis_exporter',
    help: '1 when the exporter can reach Redis',
    labels: [],
  },
  redis_memory_used_bytes: {
    source: 'redis_exporter',
    help: 'Memory Redis has allocated (used_memory)',
    labels: [],
  },
  redis_memory_max_bytes: {
    source: 'redis_exporter',
    help: 'The maxmemory setting, 0 when unset',
    labels: [],
  },
  redis_connected_clients: {
    source: 'redis_exporter',
    help: 'Client connections',
    labels: [],
  },
  redis_blocked_clients: {
    source: 'redis_exporter',
    help: 'Clients blocked in a blocking command',
    labels: [],
  },
  redis_keyspace_hits_total: {
    source: 'redis_exporter',
    help: 'Key lookups that found the key',
    labels: [],
  },
  redis_keyspace_misses_total: {
    source: 'redis_exporter',
    help: 'Key lookups that did not find the key',
    labels: [],
  },
  redis_commands_processed_total: {
    source: 'redis_exporter',
    help: 'Commands processed',
    labels: [],
  },
  redis_commands_total: {
    source: 'redis_exporter',
    help: 'Calls per command',
    labels: ['cmd'],
  },
  redis_evicted_keys_total: {
    source: 'redis_exporter',
    help: 'Keys evicted because of maxmemory',
    labels: [],
  },
  redis_expired_keys_total: {
    source: 'redis_exporter',
    help: 'Keys removed on expiry',
    labels: [],
  },
  redis_db_keys: {
    source: 'redis_exporter',
    help: 'Keys per database',
    labels: ['db'],
  },
  kube_horizontalpodautoscaler_status_current_replicas: {
    source: 'kube-state-metrics',
    help: 'Current replicas of an HPA',
    labels: KSM_HPA,
  },
  kube_horizontalpodautoscaler_status_desired_replicas: {
    source: 'kube-state-metrics',
    help: 'Replicas an HPA wants',
    labels: KSM_HPA,
  },
  kube_horizontalpodautoscaler_spec_min_replicas: {
    source: 'kube-state-metrics',
    help: 'minReplicas of an HPA',
    labels: KSM_HPA,
  },
  kube_horizontalpodautoscaler_spec_max_replicas: {
    source: 'kube-state-metrics',
    help: 'maxReplicas of an HPA',
    labels: KSM_HPA,
  },
  kube_pod_container_status_restarts_total: {
    source: 'kube-state-metrics',
    help: 'Container restarts per pod and container',
    labels: ['namespace', 'pod', 'container', 'uid'],
  },
  kube_pod_container_resource_limits: {
    source: 'kube-state-metrics',
    help: 'Container limits, label resource ("cpu", "memory")',
    labels: [
      'namespace',
      'pod',
      'container',
      'uid',
      'node',
      'resource',
      'unit',
    ],
  },
  container_cpu_usage_seconds_total: {
    source: 'cadvisor',
    help: 'CPU time used per container',
    labels: CADVISOR,
  },
  container_memory_working_set_bytes: {
    source: 'cadvisor',
    help: 'Working set memory per container',
    labels: CADVISOR,
  },
  kube_persistentvolumeclaim_status_phase: {
    source: 'kube-state-metrics',
    help: 'Phase of a PVC, one series per phase (label phase), 1 for the current one',
    labels: [...KSM_PVC, 'phase'],
  },
  kube_persistentvolumeclaim_resource_requests_storage_bytes: {
    source: 'kube-state-metrics',
    help: 'Storage a PVC requests',
    labels: KSM_PVC,
  },
  kubelet_volume_stats_used_bytes: {
    source: 'kubelet',
    help: 'Bytes used on a mounted PVC',
    labels: KSM_PVC,
  },
  kubelet_volume_stats_capacity_bytes: {
    source: 'kubelet',
    help: 'Capacity of a mounted PVC in bytes',
    labels: KSM_PVC,
  },
  kubelet_volume_stats_available_bytes: {
    source: 'kubelet',
    help: 'Bytes still available on a mounted PVC',
    labels: KSM_PVC,
  },
  kubelet_volume_stats_inodes_used: {
    source: 'kubelet',
    help: 'Inodes used on a mounted PVC',
    labels: KSM_PVC,
  },
  kubelet_volume_stats_inodes: {
    source: 'kubelet',
    help: 'Inodes of a mounted PVC',
    labels: KSM_PVC,
  },
};
