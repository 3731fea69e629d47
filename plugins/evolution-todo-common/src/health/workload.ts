import { describeController } from './controller';
import { latestWarnings } from './events';
import { summarizeHpa } from './hpa';
import type { KubeEvent } from './kubernetes';
import { isPlainlyHealthy, summarizePod } from './pods';
import { summarizePvc } from './pvc';
import type {
  EvaluationOptions,
  PodProblem,
  PodSummary,
  ProbeResult,
  Verdict,
  WorkloadHealth,
  WorkloadObjects,
} from './types';

const NO_EVENTS: KubeEvent[] = [];

/** At most this many pod problems are spelled out in the reasons; the rest are counted. */
const MAX_POD_REASONS = 3;

function describeProblems(problems: PodProblem[], into: string[], prefix = '') {
  const shown = Math.min(problems.length, MAX_POD_REASONS);
  for (let i = 0; i < shown; i++) {
    into.push(`${prefix}pod ${problems[i].pod}: ${problems[i].message}`);
  }
  if (problems.length > shown) {
    into.push(`${prefix}and ${problems.length - shown} more pod problems`);
  }
}

function podEventsByName(events: KubeEvent[]): Map<string, KubeEvent[]> {
  const byName = new Map<string, KubeEvent[]>();
  for (const event of events) {
    const name = event.involvedObject?.name;
    if (event.involvedObject?.kind !== 'Pod' || !name) continue;
    const list = byName.get(name);
    if (list) list.push(event);
    else byName.set(name, [event]);
  }
  return byName;
}

/** Counts every pod; summarizes only those that need a look (see WorkloadHealth.pods). */
function inspectPods(objects: WorkloadObjects, now: number) {
  const podEvents =
    objects.events.length > 0 ? podEventsByName(objects.events) : undefined;
  const podCounts = {
    total: objects.pods.length,
    ready: 0,
    starting: 0,
    failing: 0,
    terminating: 0,
    restarts: 0,
  };
  const pods: PodSummary[] = [];
  for (const pod of objects.pods) {
    if (isPlainlyHealthy(pod)) {
      podCounts.ready++;
      continue;
    }
    const events = podEvents?.get(pod.metadata?.name ?? '') ?? NO_EVENTS;
    const summary = summarizePod(pod, events, now);
    if (summary.phase === 'Terminating') podCounts.terminating++;
    else if (summary.problems.length > 0) podCounts.failing++;
    else if (summary.ready) podCounts.ready++;
    else podCounts.starting++;
    podCounts.restarts += summary.restarts;
    pods.push(summary);
  }
  return { podCounts, pods };
}

/**
 * One verdict for one workload, with the reasons in words:
 * - Down: no replica is available (or none is wanted, or blue-green traffic points at nothing);
 * - Degraded: it serves, but something is wrong: fewer replicas than wanted outside a
 *   rollout's budget, a stalled rollout, a pod problem, a pending volume, an autoscaler
 *   that cannot scale or is maxed out while hot, a live health check that fails;
 * - Unknown: the controller reported no status;
 * - Healthy: otherwise. A rolling update within its budget is healthy.
 * Runs for every workload on every refresh, so it loops rather than chains.
 */
export function evaluateWorkload(
  objects: WorkloadObjects,
  probes: ProbeResult[] = [],
  options: EvaluationOptions = {},
): WorkloadHealth {
  const now = options.now ?? Date.now();
  const { podCounts, pods } = inspectPods(objects, now);
  const controller = describeController(objects, now);
  const { activeColor, blueGreen, active, replicas, rollout } = controller;
  const notes = controller.notes;

  let hpaObject = objects.horizontalPodAutoscalers[0];
  for (const h of objects.horizontalPodAutoscalers) {
    const target = h.spec?.scaleTargetRef?.name;
    if (active.some(d => d.metadata?.name === target)) hpaObject = h;
  }
  const hpa = hpaObject ? summarizeHpa(hpaObject) : undefined;
  const persistentVolumeClaims = objects.persistentVolumeClaims.map(c =>
    summarizePvc(c, objects.events),
  );

  // Problems of pods of the idle colour do not hurt users; they become notes.
  const podProblems: PodProblem[] = [];
  const idleProblems: PodProblem[] = [];
  for (const p of pods) {
    if (p.problems.length === 0) continue;
    const serving =
      !blueGreen || !activeColor || !p.color || p.color === activeColor;
    (serving ? podProblems : idleProblems).push(...p.problems);
  }
  describeProblems(idleProblems, notes, 'idle colour ');
  const failingProbes: string[] = [];
  for (const probe of probes) {
    if (probe.outcome === 'fail') {
      failingProbes.push(`live ${probe.path} check: ${probe.message}`);
    } else if (probe.outcome === 'unavailable') {
      notes.push(`live ${probe.path} check unavailable: ${probe.message}`);
    }
  }
  if (hpa?.saturated && hpa.problems.length === 0) {
    notes.push(
      `HPA ${hpa.name} is at its maximum of ${hpa.maxReplicas} replicas`,
    );
  }

  const { desired, available } = replicas;
  // During a surge more replicas are available than desired: say so, not "4 of 3".
  const availability =
    available > desired
      ? `${desired} of ${desired} replicas available (+${
          available - desired
        } during the rollout)`
      : `${available} of ${desired} replicas available`;
  const stalled = rollout.state === 'stalled';
  // Deletion: kstatus says Terminating, Argo CD Progressing ("Pending
  // deletion"). We call a workload that is being deleted Degraded (Down once
  // nothing is available): its users are about to lose it, and a deletion
  // stuck on a finalizer needs a person, not patience.
  const deleting = rollout.state === 'deleting';
  let verdict: Verdict;
  const reasons: string[] = [];
  if (deleting) reasons.push(rollout.message);
  if (blueGreen && activeColor && active.length === 0) {
    verdict = 'Down';
    reasons.push(
      `the Service sends traffic to ${activeColor}, but there is no ${activeColor} Deployment`,
    );
  } else if (!controller.hasStatus) {
    verdict = 'Unknown';
    reasons.push(
      `${objects.kind} ${objects.name} has not reported a status yet`,
    );
  } else if (desired === 0) {
    verdict = 'Down';
    reasons.push(`${objects.name} is scaled to 0 replicas`);
  } else if (available === 0) {
    verdict = 'Down';
    reasons.push(
      blueGreen && activeColor
        ? `0 of ${desired} replicas of the active colour ${activeColor} available`
        : availability,
    );
    for (const c of persistentVolumeClaims)
      if (c.problem) reasons.push(c.problem);
    describeProblems(podProblems, reasons);
    if (stalled || rollout.state === 'paused') reasons.push(rollout.message);
    reasons.push(...failingProbes);
  } else {
    const withinRolloutBudget =
      rollout.state === 'progressing' &&
      available >= desired - controller.maxUnavailable;
    if (available < desired && !withinRolloutBudget) reasons.push(availability);
    if (stalled) reasons.push(rollout.message);
    for (const c of persistentVolumeClaims)
      if (c.problem) reasons.push(c.problem);
    describeProblems(podProblems, reasons);
    if (hpa) reasons.push(...hpa.problems);
    reasons.push(...failingProbes);
    verdict = reasons.length > 0 ? 'Degraded' : 'Healthy';
    if (verdict === 'Healthy') {
      reasons.push(availability);
      // A paused rollout is not a fault (someone paused it on purpose; Argo CD
      // says Suspended), but it is never "complete": the reason says so.
      if (
        rollout.state === 'progressing' ||
        rollout.state === 'paused' ||
        rollout.state === 'waiting-for-controller'
      ) {
        reasons.push(rollout.message);
      }
    } else if (rollout.state === 'paused') {
      reasons.push(rollout.message);
    }
  }

  return {
    key: objects.key,
    cluster: objects.cluster,
    namespace: objects.namespace,
    name: objects.name,
    component: objects.component,
    kind: objects.kind,
    verdict,
    reasons,
    notes,
    replicas,
    rollout: controller.rollout,
    strategy: controller.strategy,
    image: controller.image,
    hpa,
    podCounts,
    pods,
    persistentVolumeClaims,
    warningEvents: latestWarnings(objects.events, now),
    probes,
  };
}
