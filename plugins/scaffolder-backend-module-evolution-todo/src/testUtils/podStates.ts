/**
 * TEST DOUBLE. What the kubelet and scheduler write into a pod's status for
 * each state the simulator can put a pod in, following the core/v1 Pod API
 * reference (PodStatus, ContainerStatus, PodCondition).
 */
import type {
  Condition,
  ContainerStatus,
  Pod,
} from '@evolution-todo/plugin-evolution-todo-common';

export type PodFailure =
  /** The container exits and the kubelet backs off restarting it. */
  | { type: 'CrashLoopBackOff'; restarts?: number; lastMessage?: string }
  /** The image cannot be pulled (a tag that does not exist). */
  | { type: 'ImagePullBackOff' }
  /** Killed at its memory limit `secondsAgo`, restarted and running (or crash-looping). */
  | { type: 'OOMKilled'; secondsAgo?: number; crashLooping?: boolean }
  /** Running but failing its readiness probe. */
  | { type: 'NotReady' }
  /** Any other waiting reason, e.g. CreateContainerConfigError for a missing Secret. */
  | { type: 'Waiting'; reason: string; message?: string }
  /** No node fits: PodScheduled False, phase Pending, no container statuses. */
  | { type: 'Unschedulable'; message?: string };

type At = (secondsAgo: number) => string;

function setReadiness(pod: Pod, ready: boolean, at: string) {
  const container = pod.spec?.containers?.[0]?.name;
  for (const c of pod.status?.conditions ?? []) {
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') continue;
    c.status = ready ? 'True' : 'False';
    c.lastTransitionTime = at;
    if (ready) {
      delete c.reason;
      delete c.message;
    } else {
      c.reason = 'ContainersNotReady';
      c.message = `containers with unready status: [${container}]`;
    }
  }
  for (const s of pod.status?.containerStatuses ?? []) {
    s.ready = ready;
    s.started = ready ? true : s.started;
  }
}

function mainStatus(pod: Pod): ContainerStatus {
  const status = pod.status?.containerStatuses?.[0];
  if (!status) throw new Error(`pod ${pod.metadata?.name} has no container`);
  return status;
}

/** A ready, running pod as the kubelet reports it once its probes pass. */
export function runningPodStatus(
  pod: Pod,
  startedAt: string,
): NonNullable<Pod['status']> {
  const container = pod.spec!.containers![0];
  const condition = (type: string): Condition => ({
    type,
    status: 'True',
    lastTransitionTime: startedAt,
  });
  return {
    phase: 'Running',
    startTime: startedAt,
    conditions: [
      condition('PodReadyToStartContainers'),
      condition('Initialized'),
      condition('Ready'),
      condition('ContainersReady'),
      condition('PodScheduled'),
    ],
    containerStatuses: [
      {
        name: container.name,
        image: container.image,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt } },
        lastState: {},
      },
    ],
  };
}

/** A pod that started `secondsAgo` and whose readiness probe has not passed yet. */
export function markStarting(pod: Pod, at: At, secondsAgo: number) {
  const started = at(secondsAgo);
  pod.metadata!.creationTimestamp = started;
  pod.status = runningPodStatus(pod, started);
  setReadiness(pod, false, started);
  mainStatus(pod).started = false;
}

/** Puts a pod into a failure state, with the fields the kubelet would set. */
export function applyFailure(pod: Pod, failure: PodFailure, at: At) {
  const name = pod.metadata!.name!;
  const container = pod.spec!.containers![0];
  const status = mainStatus(pod);
  switch (failure.type) {
    case 'CrashLoopBackOff': {
      setReadiness(pod, false, at(600));
      status.started = false;
      status.restartCount = failure.restarts ?? 6;
      status.state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 2m40s restarting failed container=${container.name} pod=${name}`,
        },
      };
      status.lastState = {
        terminated: {
          reason: 'Error',
          exitCode: 1,
          message: failure.lastMessage,
          finishedAt: at(50),
        },
      };
      return;
    }
    case 'ImagePullBackOff': {
      setReadiness(pod, false, at(700));
      pod.status!.phase = 'Pending';
      status.started = false;
      status.state = {
        waiting: {
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${container.image}"`,
        },
      };
      return;
    }
    case 'OOMKilled': {
      const seconds = failure.secondsAgo ?? 120;
      status.restartCount = (status.restartCount ?? 0) + 1;
      status.lastState = {
        terminated: {
          reason: 'OOMKilled',
          exitCode: 137,
          finishedAt: at(seconds),
        },
      };
      if (failure.crashLooping) {
        setReadiness(pod, false, at(seconds));
        status.state = {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off 40s restarting failed container=${container.name} pod=${name}`,
          },
        };
      } else {
        status.state = { running: { startedAt: at(seconds - 10) } };
      }
      return;
    }
    case 'NotReady':
      setReadiness(pod, false, at(300));
      return;
    case 'Waiting': {
      setReadiness(pod, false, at(300));
      pod.status!.phase = 'Pending';
      status.started = false;
      status.state = {
        waiting: { reason: failure.reason, message: failure.message },
      };
      return;
    }
    case 'Unschedulable': {
      delete pod.spec!.nodeName;
      pod.status = {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            lastTransitionTime: pod.metadata!.creationTimestamp,
            message:
              failure.message ??
              '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
          },
        ],
      };
      return;
    }
    default:
      throw new Error(`unknown pod failure ${JSON.stringify(failure)}`);
  }
}

/** True when the pod counts as ready for its controller's status. */
export function isPodReady(pod: Pod): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  return (
    pod.status?.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    ) ?? false
  );
}
