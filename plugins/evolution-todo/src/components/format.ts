import type {
  HpaMetricSummary,
  HpaSummary,
  ReplicaCounts,
  StrategySummary,
} from '@evolution-todo/plugin-evolution-todo-common';

export function formatReplicas(r: ReplicaCounts): string {
  return `${r.ready}/${r.desired} ready`;
}

export function formatReplicaDetail(r: ReplicaCounts): string {
  return `desired ${r.desired} · updated ${r.updated} · ready ${r.ready} · available ${r.available}`;
}

export function formatStrategy(s: StrategySummary): string {
  if (s.type === 'blue-green') {
    return s.activeColor
      ? `blue-green, serving ${s.activeColor}`
      : 'blue-green, no active colour';
  }
  return s.detail;
}

function formatMetric(
  label: string,
  m: HpaMetricSummary | undefined,
): string | undefined {
  if (!m) return undefined;
  return `${label} ${m.current ?? '?'} / ${m.target ?? '?'}`;
}

/** "2–10 replicas, 3 → 3, CPU 41% / 70%" */
export function formatHpa(h: HpaSummary): string {
  const scale =
    h.currentReplicas === undefined
      ? 'not scaled yet'
      : `${h.currentReplicas} → ${h.desiredReplicas ?? h.currentReplicas}`;
  return [
    `${h.minReplicas}–${h.maxReplicas} replicas, ${scale}`,
    formatMetric('CPU', h.cpu),
    formatMetric('memory', h.memory),
    ...h.otherMetrics.map(m => formatMetric(m.name, m)),
  ]
    .filter(Boolean)
    .join(', ');
}
