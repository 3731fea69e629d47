import {
  asRecord,
  nameOf,
  namespaceOf,
  podTemplateOf,
  selectorMatches,
} from '../objects';
import type { LoadedObject } from '../types';
import { objectRule } from './helpers';

const PROTECTED_KINDS = ['Deployment', 'StatefulSet'];

function autoscaled(
  workload: LoadedObject['object'],
  all: readonly LoadedObject[],
): boolean {
  return all.some(
    ({ object }) =>
      object.kind === 'HorizontalPodAutoscaler' &&
      namespaceOf(object) === namespaceOf(workload) &&
      asRecord(asRecord(object.spec).scaleTargetRef).kind === workload.kind &&
      asRecord(asRecord(object.spec).scaleTargetRef).name === nameOf(workload),
  );
}

/**
 * A budget keeps a replicated workload serving while nodes drain. A single
 * replica cannot be kept up by a budget (minAvailable 1 only blocks the drain),
 * so only workloads that run, or may scale to, several pods need one.
 */
export const podDisruptionBudget = objectRule(
  {
    id: 'pod-disruption-budget',
    severity: 'error',
    description:
      'Every Deployment and StatefulSet with more than one replica (or an HPA) has a PodDisruptionBudget in its namespace that selects its pods, so node drains keep it serving.',
  },
  ({ object }, all) => {
    if (!PROTECTED_KINDS.includes(object.kind)) {
      return [];
    }
    const replicas = asRecord(object.spec).replicas;
    const replicated =
      typeof replicas === 'number' ? replicas > 1 : autoscaled(object, all);
    if (!replicated) {
      return [];
    }
    const template = podTemplateOf(object)!;
    const covered = all.some(
      ({ object: pdb }) =>
        pdb.kind === 'PodDisruptionBudget' &&
        namespaceOf(pdb) === namespaceOf(object) &&
        selectorMatches(asRecord(pdb.spec).selector, template.labels),
    );
    return covered
      ? []
      : [
          {
            field: `${template.path}.metadata.labels`,
            problem:
              'no PodDisruptionBudget in the namespace selects these pods',
          },
        ];
  },
);
