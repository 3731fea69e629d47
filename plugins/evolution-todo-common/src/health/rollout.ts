import type { Condition, Deployment, StatefulSet } from './kubernetes';
import { describeAge, toMillis } from './time';
import type { RolloutStatus } from './types';

/**
 * Where a workload's rollout stands. The order of the checks follows kstatus
 * (sigs.k8s.io/cli-utils pkg/kstatus/status) and Argo CD's health checks:
 * deletion, then the controller catching up with the spec
 * (generation/observedGeneration), then the generic Reconciling/Stalled
 * conditions, then the kind's own fields. Where we differ, the comment says why.
 */

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function condition(
  conditions: Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find(c => c.type === type);
}

/**
 * metadata.deletionTimestamp: kstatus calls it Terminating, Argo CD
 * "Pending deletion" (Progressing). Either way the rollout is not complete:
 * the object and its pods are going away, however ready they look now.
 */
function deletion(
  kind: string,
  name: string,
  meta: { deletionTimestamp?: string | Date } | undefined,
  now: number | undefined,
): RolloutStatus | undefined {
  if (meta?.deletionTimestamp === undefined) return undefined;
  const since = toMillis(meta.deletionTimestamp);
  const when =
    since !== undefined && now !== undefined
      ? ` (deletion requested ${describeAge(since, now)})`
      : '';
  return {
    state: 'deleting',
    message: `${kind} ${name} is being deleted${when}`,
  };
}

/** metadata.generation ahead of status.observedGeneration: the controller has not seen the change yet. */
function notObserved(
  kind: string,
  name: string,
  generation: number | undefined,
  observed: number | undefined,
): RolloutStatus | undefined {
  if (observed === undefined) {
    return {
      state: 'waiting-for-controller',
      message: `${kind} ${name} has no status yet`,
    };
  }
  if (generation !== undefined && observed < generation) {
    return {
      state: 'waiting-for-controller',
      message: `waiting for the controller to pick up the change to ${kind} ${name} (generation ${generation}, observed ${observed})`,
    };
  }
  return undefined;
}

/** kstatus' standard conditions, which any controller may set: Stalled=True fails, Reconciling=True is in progress. */
function standardConditions(
  kind: string,
  name: string,
  conditions: Condition[] | undefined,
): RolloutStatus | undefined {
  const stalled = condition(conditions, 'Stalled');
  if (stalled?.status === 'True') {
    return {
      state: 'stalled',
      message: `${kind} ${name} is stalled${
        stalled.reason ? ` (${stalled.reason})` : ''
      }${stalled.message ? `: ${stalled.message}` : ''}`,
    };
  }
  const reconciling = condition(conditions, 'Reconciling');
  if (reconciling?.status === 'True') {
    return {
      state: 'progressing',
      message: `${kind} ${name} is reconciling${
        reconciling.reason ? ` (${reconciling.reason})` : ''
      }${reconciling.message ? `: ${reconciling.message}` : ''}`,
    };
  }
  return undefined;
}

/**
 * Where a Deployment's rollout stands, following the same checks as
 * `kubectl rollout status`, plus the Progressing condition that marks a stall.
 * `now` (milliseconds) only words how long ago a deletion was requested.
 */
export function deploymentRollout(
  deployment: Deployment,
  imageTag?: string,
  now?: number,
): RolloutStatus {
  const name = deployment.metadata?.name ?? '(unnamed)';
  const status = deployment.status;
  const deleting = deletion('Deployment', name, deployment.metadata, now);
  if (deleting) return deleting;
  const waiting = notObserved(
    'Deployment',
    name,
    deployment.metadata?.generation,
    status?.observedGeneration,
  );
  // A paused Deployment's controller still observes new generations; a
  // waiting one is reported as waiting, then as paused once observed.
  if (waiting) return waiting;
  const generic = standardConditions('Deployment', name, status?.conditions);
  if (generic) return generic;

  const progressing = condition(status?.conditions, 'Progressing');
  const desired = deployment.spec?.replicas ?? 1;
  const updated = status?.updatedReplicas ?? 0;
  const total = status?.replicas ?? 0;
  const available = status?.availableReplicas ?? 0;
  const to = imageTag ? ` to ${imageTag}` : '';

  // Paused (spec.paused; the controller then sets Progressing reason
  // DeploymentPaused). Argo CD answers "Suspended" whatever the pods do and
  // kstatus ignores the flag. We report the pause as the rollout's state and
  // still judge availability, so a paused Deployment without ready pods is Down,
  // and a paused one is never "complete": the next change will not roll out.
  if (
    deployment.spec?.paused === true ||
    progressing?.reason === 'DeploymentPaused'
  ) {
    const where =
      updated < desired || total > updated
        ? `${updated} of ${desired} replicas updated${to}${
            total > updated
              ? `, ${plural(total - updated, 'old replica')} still serving`
              : ''
          }`
        : `every replica runs ${
            imageTag ?? 'the current version'
          }; later changes wait`;
    return {
      state: 'paused',
      message: `rollout of ${name} is paused (${where}); resume with kubectl rollout resume deployment/${name}`,
    };
  }
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      state: 'stalled',
      message: `rollout of ${name} stalled (ProgressDeadlineExceeded)${
        progressing.message ? `: ${progressing.message}` : ''
      }`,
    };
  }
  if (updated < desired) {
    return {
      state: 'progressing',
      message: `rolling update of ${name}: ${updated} of ${desired} replicas updated${to}`,
    };
  }
  if (total > updated) {
    return {
      state: 'progressing',
      message: `rolling update of ${name}: ${plural(
        total - updated,
        'old replica',
      )} still terminating`,
    };
  }
  // After the new ReplicaSet became available once, missing availability is a
  // health matter (crashes, probes), not a rollout in progress. kstatus keeps
  // calling it InProgress; we let the pod rules say what is wrong instead.
  if (available < updated && progressing?.reason !== 'NewReplicaSetAvailable') {
    return {
      state: 'progressing',
      message: `rolling update of ${name}: ${available} of ${updated} updated replicas available`,
    };
  }
  return {
    state: 'complete',
    message: `rollout complete: ${plural(desired, 'replica')} at ${
      imageTag ?? 'the current version'
    }`,
  };
}

/**
 * Where a StatefulSet's rolling update stands: partitions, OnDelete and the
 * current/update revisions.
 */
export function statefulSetRollout(
  statefulSet: StatefulSet,
  imageTag?: string,
  now?: number,
): RolloutStatus {
  const name = statefulSet.metadata?.name ?? '(unnamed)';
  const status = statefulSet.status;
  const deleting = deletion('StatefulSet', name, statefulSet.metadata, now);
  if (deleting) return deleting;
  const waiting = notObserved(
    'StatefulSet',
    name,
    statefulSet.metadata?.generation,
    status?.observedGeneration,
  );
  if (waiting) return waiting;
  const generic = standardConditions('StatefulSet', name, status?.conditions);
  if (generic) return generic;

  const desired = statefulSet.spec?.replicas ?? 1;
  const updated = status?.updatedReplicas ?? 0;
  const revisionsDiffer =
    status?.updateRevision !== undefined &&
    status.currentRevision !== status.updateRevision;
  const at = imageTag ? ` to ${imageTag}` : '';

  // OnDelete: kstatus and Argo CD call it current/healthy at once. We agree on
  // the verdict, but while pods still run the previous revision we say so: the
  // controller replaces a pod only when someone deletes it.
  if (statefulSet.spec?.updateStrategy?.type === 'OnDelete') {
    if (revisionsDiffer && updated < desired) {
      return {
        state: 'progressing',
        message: `${updated} of ${plural(
          desired,
          'pod',
        )} of ${name} updated${at}; OnDelete replaces the others only when they are deleted`,
      };
    }
    return {
      state: 'complete',
      message: `rollout complete: ${plural(desired, 'pod')} at ${
        imageTag ?? 'the current version'
      } (updated on delete)`,
    };
  }

  const partition =
    statefulSet.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  if (partition > 0 && revisionsDiffer) {
    const wanted = Math.max(0, desired - partition);
    if (updated < wanted) {
      return {
        state: 'progressing',
        message: `partitioned rolling update of ${name}: ${updated} of ${wanted} pods above partition ${partition} updated${at}`,
      };
    }
    // kstatus: "Partition rollout complete"; Argo CD: Healthy. The release is
    // deliberately half rolled out until someone lowers the partition, so we
    // call it paused, not complete.
    return {
      state: 'paused',
      message: `rolling update of ${name} held at partition ${partition}: ${updated} of ${plural(
        desired,
        'pod',
      )} updated${at}, ordinals below ${partition} keep the previous revision`,
    };
  }
  if (revisionsDiffer) {
    return {
      state: 'progressing',
      message: `rolling update of ${name}: ${updated} of ${desired} pods updated${at} (revision ${status?.updateRevision})`,
    };
  }
  return {
    state: 'complete',
    message: `rollout complete: ${plural(desired, 'pod')} at ${
      imageTag ?? 'the current version'
    }`,
  };
}
