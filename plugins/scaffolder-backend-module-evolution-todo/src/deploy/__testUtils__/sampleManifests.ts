import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import { manifestFiles } from '../../actions/renderManifests';
import { renderManifestExtras, renderManifests } from '../../render/manifests';

/**
 * The objects of the sample, by kind and name: one of each family the deploy
 * orders (config, policy, services, workloads, autoscaling, disruption budget,
 * monitoring), so the apply order is visible in a short list.
 */
export const SAMPLE_OBJECTS = [
  ['ConfigMap', 'todo-backend'],
  ['NetworkPolicy', 'todo-default-deny'],
  ['Service', 'todo-backend'],
  ['Service', 'todo-postgres'],
  ['Deployment', 'todo-backend'],
  ['StatefulSet', 'todo-postgres'],
  ['HorizontalPodAutoscaler', 'todo-frontend'],
  ['PodDisruptionBudget', 'todo-backend'],
  ['ServiceMonitor', 'todo-backend'],
] as const;

/**
 * A small rendered stack for namespace `namespace`: objects from the real
 * renderer (`renderManifests`), in the k8s/ files the render action writes
 * (one folder per kind family, multi-document files whose alphabetical order
 * is not the apply order), with the PostgreSQL Secret's example that must
 * never be applied. Only SAMPLE_OBJECTS are kept, so the tests can name them.
 * The backend runs 2 fixed replicas (autoscaling off); the frontend has the HPA.
 */
export function sampleManifestFiles(namespace: string): Record<string, string> {
  const spec = parseDeploymentParameters({
    name: 'todo',
    namespace,
    frontend: { autoscaling: { enabled: true } },
    backend: { replicas: 2, autoscaling: { enabled: false } },
  });
  const wanted = new Set(
    SAMPLE_OBJECTS.map(([kind, name]) => `${kind}/${name}`),
  );
  const placed = renderManifests(spec).filter(({ object }) =>
    wanted.has(`${object.kind}/${object.metadata.name}`),
  );
  if (placed.length !== SAMPLE_OBJECTS.length) {
    throw new Error(
      `the renderer no longer renders every sample object: found ${placed
        .map(({ object }) => `${object.kind}/${object.metadata.name}`)
        .join(', ')}`,
    );
  }
  const files: Record<string, string> = {};
  for (const file of [
    ...manifestFiles(placed),
    ...renderManifestExtras(spec),
  ]) {
    files[`k8s/${file.path}`] = file.content;
  }
  return files;
}
