import type { ManifestRenderer } from '../types';
import { renderDashboards } from './dashboards';
import { renderExporters } from './exporters';
import { renderPrometheusRules } from './prometheusRules';
import { renderServiceMonitors } from './serviceMonitors';

/**
 * The monitoring family for kube-prometheus-stack: exporters (k8s/exporters/),
 * Grafana dashboards (k8s/dashboards.yaml), and the Prometheus Operator's
 * ServiceMonitors and alerts (k8s/monitoring/, applied once the operator
 * runs; the chart renders them only where the cluster serves its API).
 * Each object's k8s/ file is the path of the chart template that renders it.
 * Nothing at all when monitoring is off.
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
