import type { ManifestRenderer } from '../types';
import { renderDashboards } from './dashboards';
import { renderExporters } from './exporters';
import { renderPrometheusRules } from './prometheusRules';
import { renderServiceMonitors } from './serviceMonitors';

/**
 * The monitoring family (k8s/monitoring/, the chart's templates/monitoring/):
 * exporters, ServiceMonitors, alerts and Grafana dashboards for
 * kube-prometheus-stack. Nothing at all when monitoring is off.
 */
export const renderMonitoring: ManifestRenderer = ctx => {
  const { monitoring } = ctx.spec;
  if (!monitoring.enabled) {
    return [];
  }
  return [
    ...renderExporters(ctx),
    ...renderServiceMonitors(ctx),
    ...(monitoring.alerts ? renderPrometheusRules(ctx) : []),
    ...(monitoring.dashboards ? renderDashboards(ctx) : []),
  ];
};
