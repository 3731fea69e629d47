import {
  COMPONENT_PORTS,
  EXPORTER_COMPONENTS,
  EXPORTER_PORTS,
  type DeploymentSpec,
  type ExporterComponent,
  type LabelledComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import { scrapeTargets, type ScrapeTarget } from './monitoring/targets';

/** The port a component's pods listen on: its own (COMPONENT_PORTS) or its exporter's. */
export function portOf(component: LabelledComponent): number {
  return component in EXPORTER_PORTS
    ? EXPORTER_PORTS[component as ExporterComponent]
    : COMPONENT_PORTS[component as keyof typeof COMPONENT_PORTS];
}

/** What Prometheus scrapes; nothing when monitoring is off. */
export function activeScrapeTargets(spec: DeploymentSpec): ScrapeTarget[] {
  return spec.monitoring.enabled ? scrapeTargets(spec) : [];
}

/** The exporter workloads the monitoring family runs: one per scraped data store. */
export function activeExporters(spec: DeploymentSpec): ExporterComponent[] {
  return activeScrapeTargets(spec)
    .map(t => t.component)
    .filter((c): c is ExporterComponent =>
      (EXPORTER_COMPONENTS as readonly string[]).includes(c),
    );
}

/** Every component that runs pods, in reading order; the PDBs and NetworkPolicies cover these. */
export function runningComponents(spec: DeploymentSpec): LabelledComponent[] {
  return [
    'frontend',
    'backend',
    'mcp',
    'postgres',
    ...(spec.redis.enabled ? (['redis'] as const) : []),
    ...activeExporters(spec),
  ];
}
