import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubernetesObject } from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeApiFailure } from './apiErrors';
import type { DeployObjectApi } from './objectApi';
import { describeObject, type ManifestObject } from './types';

/** Kinds whose rollout the action can wait for. */
export const WAITABLE_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
]);

export interface RolloutProgress {
  done: boolean;
  /** What is still missing, e.g. "availableReplicas 1/2". Empty when done. */
  waitingFor: string[];
  /** Set when the rollout can no longer finish by waiting. */
  failed?: string;
}

interface WorkloadState {
  metadata?: { generation?: number };
  spec?: { replicas?: number; updateStrategy?: { type?: string } };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    readyReplicas?: number;
    conditions?: {
      type?: string;
      status?: string;
      reason?: string;
      message?: string;
    }[];
  };
}

/**
 * Whether a Deployment or StatefulSet, as read from the API, has finished
 * rolling out. First the controller must have seen the current spec
 * (observedGeneration), or every count below describes the previous one.
 *
 * Deployment: all replicas updated and available, and no old ones left.
 * StatefulSet: all replicas ready and (unless pods are only replaced by hand,
 * updateStrategy OnDelete) all on the current revision.
 */
export function rolloutProgress(
  kind: string,
  object: WorkloadState,
): RolloutProgress {
  const generation = object.metadata?.generation ?? 0;
  const status = object.status ?? {};
  const observed = status.observedGeneration ?? 0;
  if (observed < generation) {
    return {
      done: false,
      waitingFor: [
        `observedGeneration ${observed}/${generation} (controller has not seen the new spec)`,
      ],
    };
  }
  const wanted = object.spec?.replicas ?? 1;
  const waitingFor: string[] = [];
  const expect = (field: string, value: number | undefined) => {
    if ((value ?? 0) < wanted)
      waitingFor.push(`${field} ${value ?? 0}/${wanted}`);
  };

  if (kind === 'Deployment') {
    expect('updatedReplicas', status.updatedReplicas);
    expect('availableReplicas', status.availableReplicas);
    const old = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
    if (old > 0) waitingFor.push(`${old} old replica(s) still running`);
    const stalled = status.conditions?.find(
      condition =>
        condition.type === 'Progressing' &&
        condition.reason === 'ProgressDeadlineExceeded',
    );
    if (stalled) {
      return {
        done: false,
        waitingFor,
        failed: `exceeded its progress deadline: ${
          stalled.message ?? 'no message'
        }`,
      };
    }
  } else {
    expect('readyReplicas', status.readyReplicas);
    if (object.spec?.updateStrategy?.type !== 'OnDelete') {
      expect('updatedReplicas', status.updatedReplicas);
    }
  }
  return { done: waitingFor.length === 0, waitingFor };
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  requestTimeoutMs: number;
  logger: LoggerService;
  signal?: AbortSignal;
}

/**
 * Polls every workload until all have rolled out, logging what each still
 * waits for. Fails at the deadline naming every workload not yet done and
 * what it is missing; fails at once when a rollout cannot finish anymore or
 * the token may not read the object.
 */
export async function waitForRollouts(
  api: DeployObjectApi,
  workloads: readonly ManifestObject[],
  options: WaitOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let pending = [...workloads];
  const lastSeen = new Map<ManifestObject, string>();

  while (pending.length > 0) {
    const stillPending: ManifestObject[] = [];
    for (const workload of pending) {
      const name = describeObject(workload);
      let state: KubernetesObject;
      try {
        state = await api.read({
          apiVersion: workload.apiVersion,
          kind: workload.kind,
          metadata: {
            name: workload.metadata.name,
            namespace: workload.metadata.namespace,
          },
        });
      } catch (error) {
        const failure = describeApiFailure(error, options.requestTimeoutMs);
        if (
          failure.code === 401 ||
          failure.code === 403 ||
          failure.code === 404
        ) {
          throw new Error(
            `Cannot follow the rollout of ${name}: ${failure.message}`,
          );
        }
        // Anything else (a timeout, a 5xx) may pass; keep polling until the deadline.
        lastSeen.set(workload, `status unknown: ${failure.message}`);
        stillPending.push(workload);
        continue;
      }
      const progress = rolloutProgress(workload.kind, state as WorkloadState);
      if (progress.failed) {
        throw new Error(`Rollout of ${name} failed: ${progress.failed}`);
      }
      if (progress.done) {
        options.logger.info(`Rollout of ${name} finished`);
      } else {
        const waiting = progress.waitingFor.join(', ');
        lastSeen.set(workload, waiting);
        options.logger.info(`Waiting for ${name}: ${waiting}`);
        stillPending.push(workload);
      }
    }
    pending = stillPending;
    if (pending.length === 0) return;

    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const stuck = pending
        .map(
          workload =>
            `${describeObject(workload)} is waiting for ${lastSeen.get(
              workload,
            )}`,
        )
        .join('; ');
      throw new Error(
        `Rollout did not finish within ${
          options.timeoutMs / 1000
        }s (input "rolloutTimeoutSeconds"): ${stuck}`,
      );
    }
    await sleep(Math.min(options.intervalMs, remaining), undefined, {
      signal: options.signal,
    });
  }
}
