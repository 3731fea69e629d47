import { latestEventFor } from './events';
import type { KubeEvent, PersistentVolumeClaim } from './kubernetes';
import type { PvcSummary } from './types';

/**
 * A PVC's phase, size and, when it is not Bound, the latest event that says why.
 * kstatus calls any phase but Bound "in progress" and Argo CD calls Pending
 * Progressing and Lost Degraded. We report both as a problem of the workload
 * that mounts the claim: a Pending claim keeps its pod from starting (the pod
 * rules then say Unschedulable), a Lost one has no data behind it.
 */
export function summarizePvc(
  claim: PersistentVolumeClaim,
  events: KubeEvent[],
): PvcSummary {
  const name = claim.metadata?.name ?? '(unnamed)';
  const phase = claim.status?.phase ?? 'Unknown';
  const capacity =
    claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage;
  let problem: string | undefined;
  if (phase !== 'Bound') {
    const event = latestEventFor(events, 'PersistentVolumeClaim', name);
    const why = event
      ? `${event.reason}: ${event.message ?? ''}`.trim()
      : undefined;
    problem =
      phase === 'Lost'
        ? `PVC ${name} lost its volume${why ? ` (${why})` : ''}`
        : `PVC ${name} is ${phase}${why ? ` (${why})` : ''}`;
  }
  return {
    name,
    phase,
    capacity: capacity === undefined ? undefined : String(capacity),
    storageClass: claim.spec?.storageClassName,
    problem,
  };
}
