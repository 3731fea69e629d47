import type {
  Condition,
  HorizontalPodAutoscaler,
  MetricSpec,
  MetricStatus,
  MetricTarget,
  MetricValueStatus,
} from './kubernetes';
import { parseQuantity } from './quantity';
import type {
  HpaCondition,
  HpaConditionType,
  HpaMetricSummary,
  HpaSummary,
} from './types';

/** The metric's name: the resource (cpu, memory) or the custom metric's name. */
function metricName(metric: MetricSpec | MetricStatus): string | undefined {
  switch (metric.type) {
    case 'Resource':
      return metric.resource?.name;
    case 'ContainerResource':
      return metric.containerResource?.name;
    case 'Pods':
      return metric.pods?.metric?.name;
    case 'Object':
      return metric.object?.metric?.name;
    case 'External':
      return metric.external?.metric?.name;
    default:
      return undefined;
  }
}

/** A spec entry and a status entry describe the same metric. */
function sameMetric(
  spec: MetricSpec,
  status: MetricStatus,
  name: string,
): boolean {
  return (
    spec.type === status.type &&
    metricName(status) === name &&
    spec.containerResource?.container === status.containerResource?.container
  );
}

function targetOf(metric: MetricSpec): MetricTarget | undefined {
  return (
    metric.resource?.target ??
    metric.containerResource?.target ??
    metric.pods?.target ??
    metric.object?.target ??
    metric.external?.target
  );
}

function currentOf(metric: MetricStatus): MetricValueStatus | undefined {
  return (
    metric.resource?.current ??
    metric.containerResource?.current ??
    metric.pods?.current ??
    metric.object?.current ??
    metric.external?.current
  );
}

function describeMetric(
  name: string,
  target: MetricTarget | undefined,
  current: MetricValueStatus | undefined,
): HpaMetricSummary {
  // Utilization targets compare percentages of requests; value targets compare quantities.
  if (
    target?.type === 'Utilization' ||
    target?.averageUtilization !== undefined
  ) {
    const cur = current?.averageUtilization;
    const tgt = target?.averageUtilization;
    return {
      name,
      current: cur === undefined ? undefined : `${cur}%`,
      target: tgt === undefined ? undefined : `${tgt}%`,
      aboveTarget:
        cur !== undefined && tgt !== undefined ? cur > tgt : undefined,
      currentValue: cur,
      targetValue: tgt,
    };
  }
  const tgtRaw = target?.averageValue ?? target?.value;
  const curRaw = current?.averageValue ?? current?.value;
  const tgt = parseQuantity(tgtRaw);
  const cur = parseQuantity(curRaw);
  return {
    name,
    current: curRaw === undefined ? undefined : String(curRaw),
    target: tgtRaw === undefined ? undefined : String(tgtRaw),
    aboveTarget: cur !== undefined && tgt !== undefined ? cur > tgt : undefined,
    currentValue: cur,
    targetValue: tgt,
  };
}

function toCondition(type: HpaConditionType, found: Condition): HpaCondition {
  const status =
    found.status === 'True' || found.status === 'False'
      ? found.status
      : 'Unknown';
  return { type, status, reason: found.reason, message: found.message };
}

/**
 * An autoscaling/v2 HPA in words: replica bounds, CPU and memory against their
 * targets, the three status conditions, and whether it is stuck at its maximum.
 */
export function summarizeHpa(hpa: HorizontalPodAutoscaler): HpaSummary {
  const name = hpa.metadata?.name ?? '(unnamed)';
  const minReplicas = hpa.spec?.minReplicas ?? 1;
  const maxReplicas = hpa.spec?.maxReplicas ?? minReplicas;
  const currentReplicas = hpa.status?.currentReplicas;
  const desiredReplicas = hpa.status?.desiredReplicas;

  // Few metrics per HPA: pairing spec and status by a nested loop beats building keys.
  const statuses = hpa.status?.currentMetrics ?? [];
  const metrics: HpaMetricSummary[] = [];
  for (const metric of hpa.spec?.metrics ?? []) {
    const metricId = metricName(metric);
    if (!metricId) continue;
    const status = statuses.find(st => sameMetric(metric, st, metricId));
    metrics.push(
      describeMetric(metricId, targetOf(metric), status && currentOf(status)),
    );
  }
  const cpu = metrics.find(m => m.name === 'cpu');
  const memory = metrics.find(m => m.name === 'memory');
  const otherMetrics = metrics.filter(m => m !== cpu && m !== memory);

  let ableToScale: HpaCondition | undefined;
  let active: HpaCondition | undefined;
  let limited: HpaCondition | undefined;
  for (const c of hpa.status?.conditions ?? []) {
    if (c.type === 'AbleToScale') ableToScale = toCondition(c.type, c);
    else if (c.type === 'ScalingActive') active = toCondition(c.type, c);
    else if (c.type === 'ScalingLimited') limited = toCondition(c.type, c);
  }
  const conditions = [ableToScale, active, limited].filter(
    (c): c is HpaCondition => c !== undefined,
  );
  const saturated =
    (currentReplicas !== undefined &&
      currentReplicas >= maxReplicas &&
      (desiredReplicas ?? currentReplicas) >= maxReplicas) ||
    (limited?.status === 'True' && limited.reason === 'TooManyReplicas');

  const problems: string[] = [];
  if (ableToScale?.status === 'False') {
    problems.push(
      `HPA ${name} cannot scale (${
        ableToScale.reason ?? 'AbleToScale is False'
      })${ableToScale.message ? `: ${ableToScale.message}` : ''}`,
    );
  }
  // The failing reasons Argo CD calls Degraded (FailedGetScale,
  // FailedUpdateScale, FailedGetResourceMetric, InvalidSelector) and any other
  // False: the autoscaler does nothing until it is fixed. ScalingDisabled
  // (the target was scaled to 0 on purpose) is not a fault.
  if (active?.status === 'False' && active.reason !== 'ScalingDisabled') {
    const missing = /missing request for (\w+)/.exec(active.message ?? '');
    problems.push(
      missing
        ? `HPA ${name} cannot compute ${missing[1]} utilization (${
            active.reason ?? 'ScalingActive is False'
          }): its pods set no ${missing[1]} request, so a ${
            missing[1]
          } target has nothing to compare with`
        : `HPA ${name} cannot compute its metrics (${
            active.reason ?? 'ScalingActive is False'
          })${active.message ? `: ${active.message}` : ''}`,
    );
  }
  // ScalingLimited=True (TooManyReplicas) is Healthy for Argo CD. We call it a
  // problem only while a metric is above its target: the HPA cannot add
  // capacity while the pods run hot, which users feel as latency. At maximum
  // but cool is a note (see evaluateWorkload).
  const hot = metrics.filter(m => m.aboveTarget);
  if (saturated && hot.length > 0) {
    problems.push(
      `HPA ${name} is at its maximum of ${maxReplicas} replicas and cannot add more while ${hot
        .map(m => `${m.name} is at ${m.current} (target ${m.target})`)
        .join(' and ')}`,
    );
  }

  return {
    name,
    minReplicas,
    maxReplicas,
    currentReplicas,
    desiredReplicas,
    cpu,
    memory,
    otherMetrics,
    conditions,
    saturated,
    problems,
  };
}
