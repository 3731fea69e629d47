import {
  EXPORTER_COMPONENTS,
  LABELS,
} from '@evolution-todo/plugin-evolution-todo-common';
import type { KubernetesObject } from '../../types';

/**
 * Objects of the monitoring family, wherever they were rendered. Other
 * families add objects for the exporters too (PodDisruptionBudgets,
 * NetworkPolicies): only the exporters' Deployments and Services are ours.
 */
export function isMonitoringObject(object: KubernetesObject): boolean {
  const labels = object.metadata.labels ?? {};
  return (
    object.apiVersion.startsWith('monitoring.coreos.com/') ||
    (object.kind === 'ConfigMap' && labels.grafana_dashboard === '1') ||
    (['Deployment', 'Service'].includes(object.kind) &&
      (EXPORTER_COMPONENTS as readonly string[]).includes(
        labels[LABELS.component],
      ))
  );
}

export const objectKey = (o: KubernetesObject) =>
  `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Objects by kind/namespace/name, as plain JSON, for deep comparison. */
export function byKey(objects: KubernetesObject[]): Record<string, unknown> {
  return Object.fromEntries(
    objects
      .map(o => [objectKey(o), JSON.parse(JSON.stringify(o))] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
