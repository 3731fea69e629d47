import type { Color } from '../naming/components';
import { LABELS } from '../naming/labels';
import { imageTag } from './image';
import type { Condition, ContainerStatus, KubeEvent, Pod } from './kubernetes';
import { describeAge, toMillis } from './time';
import type { PodProblem, PodSummary } from './types';

/** A pod this young that is not ready yet is starting, not failing. */
export const STARTUP_GRACE_MS = 2 * 60 * 1000;
/** A restart this recent still matters to the verdict; older ones are history. */
export const RECENT_RESTART_MS = 10 * 60 * 1000;

const NONE: never[] = [];

const IMAGE_PULL_REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
]);
const CONFIG_REASONS = new Set([
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

const FAILING_WAITING = /^Err|Error$|BackOff$/;

function memoryLimit(
  pod: Pod,
  container: string | undefined,
): string | undefined {
  const spec = pod.spec?.containers?.find(c => c.name === container);
  const limit = spec?.resources?.limits?.memory;
  return limit === undefined ? undefined : String(limit);
}

function describeExit(
  terminated: NonNullable<ContainerStatus['lastState']>['terminated'],
): string {
  if (!terminated) return 'unknown reason';
  const code =
    terminated.exitCode === undefined
      ? ''
      : ` (exit code ${terminated.exitCode})`;
  const message = terminated.message ? `: ${terminated.message.trim()}` : '';
  return `${terminated.reason ?? 'terminated'}${code}${message}`;
}

function containerProblem(
  pod: Pod,
  podName: string,
  status: ContainerStatus,
  now: number,
): PodProblem | undefined {
  const restarts = status.restartCount ?? 0;
  const waiting = status.state?.waiting;
  const terminated = status.state?.terminated;
  const last = status.lastState?.terminated;
  // The common case, a running container that never restarted, leaves early.
  if (!waiting && !terminated && (restarts === 0 || !last)) return undefined;
  const container = status.name;
  const limit = memoryLimit(pod, container);
  const oom = (t: typeof last) => t?.reason === 'OOMKilled';
  const limitText = limit ? ` (memory limit ${limit})` : '';

  if (waiting?.reason === 'CrashLoopBackOff') {
    if (oom(last)) {
      return {
        pod: podName,
        container,
        type: 'OOMKilled',
        message: `container ${container} was OOMKilled${limitText} and is in CrashLoopBackOff, ${restarts} restarts`,
      };
    }
    return {
      pod: podName,
      container,
      type: 'CrashLoopBackOff',
      message: `container ${container} is in CrashLoopBackOff after ${restarts} restarts; last exit: ${describeExit(
        last,
      )}`,
    };
  }
  if (waiting?.reason && IMAGE_PULL_REASONS.has(waiting.reason)) {
    return {
      pod: podName,
      container,
      type: 'ImagePullBackOff',
      message: `container ${container} cannot pull its image (${
        waiting.reason
      })${waiting.message ? `: ${waiting.message}` : ''}`,
    };
  }
  if (waiting?.reason && CONFIG_REASONS.has(waiting.reason)) {
    return {
      pod: podName,
      container,
      type: 'CreateContainerConfigError',
      message: `container ${container} cannot start (${waiting.reason})${
        waiting.message ? `: ${waiting.message}` : ''
      }`,
    };
  }
  // Any other waiting reason that names a failure, by the kubelet's naming:
  // Err* (ErrImagePull...), *Error (PreStartHookError...), *BackOff. Argo CD
  // reads waiting reasons the same way; kstatus only knows CrashLoopBackOff.
  // Other reasons (ContainerCreating, PodInitializing) mean starting.
  if (waiting?.reason && FAILING_WAITING.test(waiting.reason)) {
    return {
      pod: podName,
      container,
      type: 'ContainerError',
      message: `container ${container} cannot run (${waiting.reason})${
        waiting.message ? `: ${waiting.message}` : ''
      }`,
    };
  }
  if (terminated && oom(terminated)) {
    return {
      pod: podName,
      container,
      type: 'OOMKilled',
      message: `container ${container} was OOMKilled${limitText}`,
    };
  }
  if (
    terminated &&
    terminated.exitCode !== 0 &&
    terminated.exitCode !== undefined
  ) {
    return {
      pod: podName,
      container,
      type: 'Failed',
      message: `container ${container} exited: ${describeExit(terminated)}`,
    };
  }
  const finished = toMillis(last?.finishedAt);
  if (
    restarts > 0 &&
    finished !== undefined &&
    now - finished < RECENT_RESTART_MS
  ) {
    const when = describeAge(finished, now);
    if (oom(last)) {
      return {
        pod: podName,
        container,
        type: 'OOMKilled',
        message: `container ${container} was OOMKilled${limitText} ${when}; ${restarts} restarts in total`,
      };
    }
    return {
      pod: podName,
      container,
      type: 'Restarted',
      message: `container ${container} restarted ${when} after ${describeExit(
        last,
      )}; ${restarts} restarts in total`,
    };
  }
  return undefined;
}

function latestEvent(
  events: KubeEvent[],
  predicate: (event: KubeEvent) => boolean,
): KubeEvent | undefined {
  let latest: KubeEvent | undefined;
  let latestTime = -Infinity;
  for (const event of events) {
    if (!predicate(event)) continue;
    const time =
      toMillis(event.lastTimestamp) ??
      toMillis(event.eventTime) ??
      toMillis(event.metadata?.creationTimestamp) ??
      0;
    if (time >= latestTime) {
      latest = event;
      latestTime = time;
    }
  }
  return latest;
}

function podLevelProblem(
  pod: Pod,
  podName: string,
  scheduled: Condition | undefined,
  ready: Condition | undefined,
  podEvents: KubeEvent[],
  now: number,
): PodProblem | undefined {
  const status = pod.status ?? {};
  if (status.reason === 'Evicted') {
    return {
      pod: podName,
      type: 'Evicted',
      message: `pod was evicted${status.message ? `: ${status.message}` : ''}`,
    };
  }
  if (status.phase === 'Failed') {
    return {
      pod: podName,
      type: 'Failed',
      message: `pod failed${status.reason ? ` (${status.reason})` : ''}${
        status.message ? `: ${status.message}` : ''
      }`,
    };
  }
  if (scheduled?.status === 'False') {
    return {
      pod: podName,
      type: 'Unschedulable',
      message: `pod cannot be scheduled${
        scheduled.message ? `: ${scheduled.message}` : ''
      }`,
    };
  }
  if (status.phase === 'Running' && ready?.status !== 'True') {
    const probeFailure = latestEvent(
      podEvents,
      e =>
        e.type === 'Warning' &&
        e.reason === 'Unhealthy' &&
        /readiness|startup/i.test(e.message ?? ''),
    );
    const started =
      toMillis(status.startTime) ?? toMillis(pod.metadata?.creationTimestamp);
    if (
      !probeFailure &&
      started !== undefined &&
      now - started < STARTUP_GRACE_MS
    ) {
      return undefined; // still starting up
    }
    return {
      pod: podName,
      type: 'NotReady',
      message: probeFailure
        ? `pod is not ready: ${probeFailure.message}`
        : `pod is not ready${ready?.reason ? ` (${ready.reason})` : ''}${
            ready?.message ? `: ${ready.message}` : ''
          }`,
    };
  }
  return undefined;
}

/**
 * True for the common case, a running pod whose containers are all ready and
 * never restarted. Checked first for every pod, so it reads and allocates little.
 */
export function isPlainlyHealthy(pod: Pod): boolean {
  const status = pod.status;
  if (!status || status.phase !== 'Running') return false;
  if (pod.metadata?.deletionTimestamp !== undefined) return false;
  // Containers first: one status per container, and a crash or restart shows
  // there before any condition needs reading.
  for (const c of status.containerStatuses ?? NONE) {
    if (
      !c.ready ||
      (c.restartCount ?? 0) > 0 ||
      c.state?.waiting ||
      c.state?.terminated
    ) {
      return false;
    }
  }
  // Conditions are keyed by type (the API merges them by `type`), so the first
  // Ready condition is the only one.
  for (const c of status.conditions ?? NONE) {
    if (c.type === 'Ready') return c.status === 'True';
  }
  return false;
}

/** Shared by every pod without problems; frozen so nobody adds to it by mistake. */
const NO_PROBLEMS = Object.freeze([]) as unknown as PodProblem[];

/**
 * One pod in words: readiness, restarts, and what is wrong with it.
 * Runs for every pod of a release, so it avoids allocating for healthy pods.
 */
export function summarizePod(
  pod: Pod,
  podEvents: KubeEvent[],
  now: number,
): PodSummary {
  const name = pod.metadata?.name ?? '(unnamed)';
  const status = pod.status;
  const terminating = pod.metadata?.deletionTimestamp !== undefined;
  let ready: Condition | undefined;
  let scheduled: Condition | undefined;
  for (const c of status?.conditions ?? NONE) {
    if (c.type === 'Ready') ready = c;
    else if (c.type === 'PodScheduled') scheduled = c;
  }
  let restarts = 0;
  let problems: PodProblem[] | undefined;
  // A pod on its way out (old ReplicaSet during a rollout) is expected to stop.
  if (!terminating) {
    for (const containerStatus of status?.initContainerStatuses ?? NONE) {
      const problem = containerProblem(pod, name, containerStatus, now);
      if (problem) (problems ??= []).push(problem);
    }
  }
  for (const containerStatus of status?.containerStatuses ?? NONE) {
    restarts += containerStatus.restartCount ?? 0;
    if (terminating) continue;
    const problem = containerProblem(pod, name, containerStatus, now);
    if (problem) (problems ??= []).push(problem);
  }
  if (!terminating && !problems) {
    const problem = podLevelProblem(
      pod,
      name,
      scheduled,
      ready,
      podEvents,
      now,
    );
    if (problem) problems = [problem];
  }
  const color = pod.metadata?.labels?.[LABELS.color];
  return {
    name,
    phase: terminating ? 'Terminating' : status?.phase ?? 'Unknown',
    ready: ready?.status === 'True',
    restarts,
    color: color === 'blue' || color === 'green' ? (color as Color) : undefined,
    imageTag: imageTag(pod.spec?.containers?.[0]?.image),
    problems: problems ?? NO_PROBLEMS,
  };
}
