import path from 'node:path';
import type { KubernetesObject } from '../render/manifests';
import { PROMETHEUS_OPERATOR_API_VERSION } from '../render/manifests/monitoring/operator';
import { helmTemplate, type HelmMajor } from './helm';

/**
 * The chart/k8s parity check, shared by the parity test (chart vs the
 * renderers, in memory) and the example tests (chart vs the k8s/ files the
 * CLI wrote).
 */

/**
 * Objects only the chart has, on purpose: helm test hooks, and the generated
 * PostgreSQL Secret (k8s/ ships secrets/db-secret.yaml.example instead).
 */
export function chartOnly(object: KubernetesObject): boolean {
  return (
    object.metadata.annotations?.['helm.sh/hook'] !== undefined ||
    object.kind === 'Secret'
  );
}

export const objectKey = (o: KubernetesObject) =>
  `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Objects as plain JSON, keyed and sorted by kind/namespace/name, for a readable diff. */
export function byKey(
  objects: readonly KubernetesObject[],
): Record<string, unknown> {
  return Object.fromEntries(
    objects
      .map(o => [objectKey(o), JSON.parse(JSON.stringify(o))] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * The API versions k8s/ is rendered for: it carries every object, the
 * Prometheus Operator's included (in k8s/monitoring/), so the chart is
 * compared as rendered for a cluster that serves the operator's API.
 */
export const K8S_API_VERSIONS = [PROMETHEUS_OPERATOR_API_VERSION];

/**
 * `helm template` of a chart folder with one of its values files, without the
 * chart-only objects, for a cluster with K8S_API_VERSIONS.
 */
export async function chartObjects(
  major: HelmMajor,
  chartDir: string,
  options: { release: string; namespace: string; valuesFile?: string },
): Promise<KubernetesObject[]> {
  const objects = await helmTemplate(major, chartDir, {
    release: options.release,
    namespace: options.namespace,
    valuesFiles: [path.join(chartDir, options.valuesFile ?? 'values.yaml')],
    apiVersions: K8S_API_VERSIONS,
  });
  return objects.filter(o => !chartOnly(o));
}
