import type { Component } from '../naming/components';
import { groupWorkloads } from './group';
import { verdictSeverity, worstVerdict } from './verdict';
import { evaluateWorkload } from './workload';
import type {
  ClusterSnapshot,
  EvaluationOptions,
  ProbeResult,
  SystemHealth,
  Verdict,
  WorkloadHealth,
} from './types';

/**
 * Without these the app does not work for its users. Redis (a cache) and the
 * MCP server (for AI clients) being down degrade the system; workloads that are
 * not ours are treated as essential, since we cannot know better.
 */
const ESSENTIAL: ReadonlySet<Component> = new Set([
  'frontend',
  'backend',
  'postgres',
]);

export interface SystemOptions extends EvaluationOptions {
  /** Components that must run; one with no workload in any cluster counts as down. */
  expectedComponents?: readonly Component[];
  /** Clusters or kinds that could not be read, in words; they make the answer uncertain. */
  unreadable?: string[];
}

function isEssential(workload: { component?: Component }): boolean {
  return workload.component === undefined || ESSENTIAL.has(workload.component);
}

/** Blue-green components of one release should serve the same colour once a switch is done. */
function halfDoneSwitches(workloads: WorkloadHealth[]): string[] {
  const byCluster = new Map<string, WorkloadHealth[]>();
  for (const w of workloads) {
    if (w.strategy.type !== 'blue-green' || !w.strategy.activeColor) continue;
    const key = `${w.cluster ?? ''}/${w.namespace ?? ''}`;
    byCluster.set(key, [...(byCluster.get(key) ?? []), w]);
  }
  const reasons: string[] = [];
  for (const group of byCluster.values()) {
    const colors = new Set(
      group.map(w =>
        w.strategy.type === 'blue-green' ? w.strategy.activeColor : undefined,
      ),
    );
    if (colors.size > 1) {
      reasons.push(
        `blue-green switch half done: ${group
          .map(
            w =>
              `${w.component ?? w.name} serves ${
                w.strategy.type === 'blue-green' ? w.strategy.activeColor : '?'
              }`,
          )
          .join(', ')}`,
      );
    }
  }
  return reasons;
}

/** One verdict for everything an entity shows, with the reasons that decide it. */
export function evaluateSystem(
  workloads: WorkloadHealth[],
  options: SystemOptions = {},
): SystemHealth {
  const clusters = new Set(workloads.map(w => w.cluster));
  const label = (w: WorkloadHealth) =>
    clusters.size > 1 && w.cluster ? `${w.name} (${w.cluster})` : w.name;
  const verdicts: Verdict[] = [];
  const reasons: Array<{ verdict: Verdict; text: string }> = [];
  const add = (verdict: Verdict, text: string) => {
    verdicts.push(verdict);
    reasons.push({ verdict, text });
  };

  for (const w of workloads) {
    const why = w.reasons[0] ? `: ${w.reasons[0]}` : '';
    if (w.verdict === 'Down') {
      add(isEssential(w) ? 'Down' : 'Degraded', `${label(w)} is down${why}`);
    } else if (w.verdict === 'Degraded') {
      add('Degraded', `${label(w)} is degraded${why}`);
    } else if (w.verdict === 'Unknown') {
      add('Unknown', `${label(w)} is unknown${why}`);
    }
  }
  const present = new Set(workloads.map(w => w.component));
  for (const component of options.expectedComponents ?? []) {
    if (!present.has(component)) {
      add(
        ESSENTIAL.has(component) ? 'Down' : 'Degraded',
        `no ${component} workload was found`,
      );
    }
  }
  for (const text of halfDoneSwitches(workloads)) add('Degraded', text);
  for (const text of options.unreadable ?? []) add('Unknown', text);
  if (workloads.length === 0 && !options.expectedComponents?.length) {
    add('Unknown', 'no workloads were found');
  }

  const verdict = worstVerdict(verdicts);
  return {
    verdict,
    reasons:
      reasons.length > 0
        ? reasons
            .sort(
              (a, b) => verdictSeverity(b.verdict) - verdictSeverity(a.verdict),
            )
            .map(r => r.text)
        : [`all ${workloads.length} workloads are healthy`],
    workloads,
  };
}

/**
 * From raw objects to the system verdict: groups each cluster's objects into
 * workloads, evaluates each with its live checks, then the whole.
 */
export function evaluateClusters(
  snapshots: ClusterSnapshot[],
  probes: ProbeResult[] = [],
  options: SystemOptions = {},
): SystemHealth {
  const now = options.now ?? Date.now();
  const evaluation = { now };
  const workloads: WorkloadHealth[] = [];
  for (const snapshot of snapshots) {
    for (const objects of groupWorkloads(snapshot)) {
      const own =
        probes.length === 0
          ? probes
          : probes.filter(
              p =>
                p.component === objects.component &&
                (p.cluster === undefined || p.cluster === objects.cluster),
            );
      workloads.push(evaluateWorkload(objects, own, evaluation));
    }
  }
  const unreadable = [
    ...(options.unreadable ?? []),
    ...snapshots.flatMap(s =>
      (s.unreadable ?? []).map(what =>
        s.cluster ? `${s.cluster}: ${what}` : what,
      ),
    ),
  ];
  return evaluateSystem(workloads, { ...options, now, unreadable });
}
