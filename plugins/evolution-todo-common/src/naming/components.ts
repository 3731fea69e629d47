/**
 * The parts of the evolution-todo stack. The order is the order people read
 * them in: user-facing first, data last.
 */
export const APP_COMPONENTS = ['frontend', 'backend', 'mcp'] as const;
export const DATA_COMPONENTS = ['postgres', 'redis'] as const;
export const COMPONENTS = [...APP_COMPONENTS, ...DATA_COMPONENTS] as const;

/** A stateless service built from this repository's own image. */
export type AppComponent = (typeof APP_COMPONENTS)[number];
/** A data store run from an upstream image. */
export type DataComponent = (typeof DATA_COMPONENTS)[number];
export type Component = (typeof COMPONENTS)[number];

/** Blue-green colours; the Service selects the active one. */
export const COLORS = ['blue', 'green'] as const;
export type Color = (typeof COLORS)[number];

/** Container ports the images listen on; Dockerfiles, probes and Services agree on these. */
export const COMPONENT_PORTS: Record<Component, number> = {
  frontend: 3000,
  backend: 8000,
  mcp: 8080,
  postgres: 5432,
  redis: 6379,
};

/**
 * Prometheus exporters the chart runs beside the data stores when monitoring is
 * on. They are not parts of the stack a user configures, but they are workloads
 * of their own, so they carry their own app.kubernetes.io/component.
 */
export const EXPORTER_COMPONENTS = [
  'postgres-exporter',
  'redis-exporter',
] as const;
export type ExporterComponent = (typeof EXPORTER_COMPONENTS)[number];

/** Ports the exporters serve /metrics on (container and Service port name `metrics`). */
export const EXPORTER_PORTS: Record<ExporterComponent, number> = {
  'postgres-exporter': 9187,
  'redis-exporter': 9121,
};

/** Anything that carries app.kubernetes.io/component: a stack component or an exporter. */
export type LabelledComponent = Component | ExporterComponent;

export function isAppComponent(value: string): value is AppComponent {
  return (APP_COMPONENTS as readonly string[]).includes(value);
}
