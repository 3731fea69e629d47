import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { KubernetesObject, ManifestRenderer } from './types';
import { runningComponents } from './runningComponents';
import { PDB_MAX_UNAVAILABLE } from '../conventions/workloads';

/**
 * One PodDisruptionBudget per workload, so a node drain evicts its pods one at
 * a time. maxUnavailable 1 rather than minAvailable 1: with a single replica
 * (PostgreSQL, Redis, an app scaled to one) minAvailable 1 would block every
 * drain for good, while maxUnavailable 1 lets the drain proceed and keeps all
 * but one pod of a larger component serving. Blue-green: one budget over both
 * colours (the idle one has no pods). Twin of the chart's templates/pdb.yaml.
 */
export const renderDisruptionBudgets: ManifestRenderer = ctx =>
  runningComponents(ctx.spec).map(component => ({
    file: 'pdb.yaml',
    object: new PodDisruptionBudget({
      metadata: ctx.metadata(ctx.name(component), component),
      spec: {
        maxUnavailable: PDB_MAX_UNAVAILABLE,
        // A crash-looping pod protects nothing; it must not block a drain.
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
        selector: { matchLabels: ctx.selector(component) },
      },
    }).toJSON() as KubernetesObject,
  }));
