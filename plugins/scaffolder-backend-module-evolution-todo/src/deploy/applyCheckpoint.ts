import type { ApplyOutcome } from './apply';
import type { ClusterTarget } from './cluster';
import type { AppliedObjectRow } from './resultTable';
import type { ManifestObject } from './types';

/**
 * What the deploy step records in its checkpoint: enough to report and to
 * wait for rollouts again, without applying anything again. JSON, as the
 * scaffolder stores it in the task state.
 */
export interface RecordedApply {
  rows: AppliedObjectRow[];
  /** The accepted objects, reduced to what a rollout wait reads. */
  applied: ManifestObject[];
  failed: number;
}

/**
 * One key per cluster, namespace and mode within the step (the scaffolder
 * prefixes the step id): a recovered task finds the apply it already made,
 * while a retry against another cluster or namespace applies there.
 */
export function applyCheckpointKey(
  target: Pick<ClusterTarget, 'url'>,
  namespace: string,
  dryRun: boolean,
): string {
  return `deploy.v1.${target.url}.${namespace}${dryRun ? '.dry-run' : ''}`;
}

export function recordApply(outcome: ApplyOutcome): RecordedApply {
  return {
    rows: outcome.rows,
    applied: outcome.applied.map(({ apiVersion, kind, metadata }) => ({
      apiVersion,
      kind,
      metadata: { name: metadata?.name, namespace: metadata?.namespace },
    })),
    failed: outcome.failures.length,
  };
}
