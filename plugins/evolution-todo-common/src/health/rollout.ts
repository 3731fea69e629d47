import type { Deployment, StatefulSet } from './kubernetes';
import type { RolloutStatus } from './types';

/** The rollout that needs attention first, for workloads with several Deployments (blue-green). */

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Where a Deployment's rollout stands, following the same checks as
 * `kubectl rollout status`, plus the Progressing condition that marks a stall.
 */
export function deploymentRollout(
  deployment: Deployment,
  imageTag?: string,
): RolloutStatus {
  const name = deployment.metadata?.name ?? '(unnamed)';
  const status = deployment.status;
  if (!status || status.observedGeneration === undefined) {
    return {
      state: 'waiting-for-controller',
      message: `Deployment ${name} has no status yet`,
    };
  }
  const generation = deployment.metadata?.generation;
  if (generation !== undefined && status.observedGeneration < generation) {
    return {
      state: 'waiting-for-controller',
      message: `waiting for the controller to pick up the change to Deployment ${name}`,
    };
  }
  const progressing = status.conditions?.find(c => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      state: 'stalled',
      message: `rollout of ${name} stalled (ProgressDeadlineExceeded)${
        progressing.message ? `: ${progressing.message}` : ''
      }`,
    };
  }
  const desired = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const to = imageTag ? ` to ${imageTag}` : '';
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
  // health matter (crashes, probes), not a rollout in progress.
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

/** Where a StatefulSet's rolling update stands (OnDelete updates only when pods are deleted). */
export function statefulSetRollout(
  statefulSet: StatefulSet,
  imageTag?: string,
): RolloutStatus {
  const name = statefulSet.metadata?.name ?? '(unnamed)';
  const status = statefulSet.status;
  if (!status || status.observedGeneration === undefined) {
    return {
      state: 'waiting-for-controller',
      message: `StatefulSet ${name} has no status yet`,
    };
  }
  const generation = statefulSet.metadata?.generation;
  if (generation !== undefined && status.observedGeneration < generation) {
    return {
      state: 'waiting-for-controller',
      message: `waiting for the controller to pick up the change to StatefulSet ${name}`,
    };
  }
  if (statefulSet.spec?.updateStrategy?.type === 'OnDelete') {
    return {
      state: 'complete',
      message: `StatefulSet ${name} updates pods only when they are deleted (OnDelete)`,
    };
  }
  const desired = statefulSet.spec?.replicas ?? 1;
  const partition =
    statefulSet.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if (
    status.updateRevision &&
    status.currentRevision !== status.updateRevision &&
    updated < desired - partition
  ) {
    return {
      state: 'progressing',
      message: `rolling update of ${name}: ${updated} of ${
        desired - partition
      } pods updated${imageTag ? ` to ${imageTag}` : ''}`,
    };
  }
  return {
    state: 'complete',
    message: `rollout complete: ${plural(desired, 'pod')} at ${
      imageTag ?? 'the current version'
    }`,
  };
}
