import type {
  DeploymentSpec,
  LabelledComponent,
} from '@evolution-todo/plugin-evolution-todo-common';

/** A workload Prometheus scrapes: its Service's port name and metrics path. */
export interface ScrapeTarget {
  component: LabelledComponent;
  /** The Service port name the ServiceMonitor endpoint refers to. */
  port: 'http' | 'metrics';
  path: '/metrics';
}

/**
 * What Prometheus scrapes for a deployment. The backend and the MCP server
 * expose /metrics on their `http` port; the data stores are scraped through
 * their exporters. The ServiceMonitors, the target-down alerts and the tests
 * all read this list.
 */
export function scrapeTargets(spec: DeploymentSpec): ScrapeTarget[] {
  const targets: ScrapeTarget[] = [
    { component: 'backend', port: 'http', path: '/metrics' },
    { component: 'mcp', port: 'http', path: '/metrics' },
    { component: 'postgres-exporter', port: 'metrics', path: '/metrics' },
  ];
  if (spec.redis.enabled) {
    targets.push({
      component: 'redis-exporter',
      port: 'metrics',
      path: '/metrics',
    });
  }
  return targets;
}
