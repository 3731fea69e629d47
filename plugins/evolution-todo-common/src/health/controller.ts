import type { Color } from '../naming/components';
import { LABELS } from '../naming/labels';
import { imageTag, summarizeImage } from './image';
import type { Deployment, IntOrPercent, PodTemplate } from './kubernetes';
import { deploymentRollout, statefulSetRollout } from './rollout';
import type {
  ImageSummary,
  ReplicaCounts,
  RolloutStatus,
  StrategySummary,
  WorkloadObjects,
} from './types';

/** What the workload's controller (Deployments or StatefulSet) reports. */
export interface ControllerView {
  /** Blue-green: the colour the Service selects, if one does. */
  activeColor?: Color;
  blueGreen: boolean;
  /** The Deployments that serve traffic: the active colour's, or all. */
  active: Deployment[];
  replicas: ReplicaCounts;
  rollout: RolloutStatus;
  strategy: StrategySummary;
  image?: ImageSummary;
  /** False until the controller has reported a status. */
  hasStatus: boolean;
  /** How many replicas a rolling update may take away (Deployments only). */
  maxUnavailable: number;
  notes: string[];
}

function colorOf(deployment: Deployment): Color | undefined {
  const color = deployment.metadata?.labels?.[LABELS.color];
  return color === 'blue' || color === 'green' ? color : undefined;
}

function addCounts(sum: ReplicaCounts, d: Deployment): ReplicaCounts {
  sum.desired += d.spec?.replicas ?? 1;
  sum.updated += d.status?.updatedReplicas ?? 0;
  sum.ready += d.status?.readyReplicas ?? 0;
  sum.available += d.status?.availableReplicas ?? 0;
  return sum;
}

function counts(deployments: Deployment[]): ReplicaCounts {
  const sum = { desired: 0, updated: 0, ready: 0, available: 0 };
  for (const d of deployments) addCounts(sum, d);
  return sum;
}

function mainContainer(template: PodTemplate | undefined, component?: string) {
  const containers = template?.spec?.containers ?? [];
  return containers.find(c => c.name === component) ?? containers[0];
}

/** maxUnavailable as a number of replicas (percentages round down, as Kubernetes does). */
function resolveMaxUnavailable(
  value: IntOrPercent | undefined,
  desired: number,
): number {
  if (value === undefined) return Math.floor(desired * 0.25);
  if (typeof value === 'number') return value;
  const number = parseInt(value, 10);
  if (Number.isNaN(number)) return 0;
  return value.endsWith('%') ? Math.floor((desired * number) / 100) : number;
}

function describeRolling(deployment: Deployment | undefined): string {
  const strategy = deployment?.spec?.strategy;
  if (strategy?.type === 'Recreate') {
    return 'recreate (all pods replaced at once)';
  }
  const rolling = strategy?.rollingUpdate;
  return `rolling update (maxSurge ${
    rolling?.maxSurge ?? '25%'
  }, maxUnavailable ${rolling?.maxUnavailable ?? '25%'})`;
}

function statefulSetView(
  objects: WorkloadObjects,
  now?: number,
): ControllerView {
  const sts = objects.statefulSet!;
  const image = summarizeImage(
    mainContainer(sts.spec?.template, objects.component)?.image,
  );
  const onDelete = sts.spec?.updateStrategy?.type === 'OnDelete';
  return {
    blueGreen: false,
    active: [],
    replicas: {
      desired: sts.spec?.replicas ?? 1,
      updated: sts.status?.updatedReplicas ?? 0,
      ready: sts.status?.readyReplicas ?? 0,
      available:
        sts.status?.availableReplicas ?? sts.status?.readyReplicas ?? 0,
    },
    rollout: statefulSetRollout(sts, image?.tag, now),
    strategy: {
      type: 'rolling',
      detail: onDelete ? 'on delete' : 'rolling update, one pod at a time',
    },
    image,
    hasStatus: sts.status?.observedGeneration !== undefined,
    // A StatefulSet's rolling update replaces one pod at a time (maxUnavailable defaults to 1).
    maxUnavailable: resolveMaxUnavailable(
      sts.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1,
      sts.spec?.replicas ?? 1,
    ),
    notes: [],
  };
}

/**
 * Replica counts, rollout, strategy and image of a workload. For blue-green,
 * the Service's colour selector decides which Deployment serves; only that one
 * counts, and the idle colour becomes a note.
 */
export function describeController(
  objects: WorkloadObjects,
  now?: number,
): ControllerView {
  if (objects.kind === 'StatefulSet' && objects.statefulSet) {
    return statefulSetView(objects, now);
  }
  const deployments = objects.deployments;
  const notes: string[] = [];
  let blueGreen = false;
  for (const d of deployments) if (colorOf(d)) blueGreen = true;
  let activeColor: Color | undefined;
  for (const service of objects.services) {
    const color = service.spec?.selector?.[LABELS.color];
    if (color === 'blue' || color === 'green') activeColor ??= color;
  }
  const active =
    blueGreen && activeColor
      ? deployments.filter(d => colorOf(d) === activeColor)
      : deployments;
  if (blueGreen && !activeColor) {
    notes.push('no Service selects a colour, so both colours are counted');
  }

  const tag = (d: Deployment) =>
    imageTag(mainContainer(d.spec?.template, objects.component)?.image);
  const replicas = counts(active);
  // The rollout that needs attention first: deleting, stalled, waiting, paused, progressing.
  let rollout: RolloutStatus = { state: 'complete', message: 'no rollout' };
  const order: RolloutStatus['state'][] = [
    'complete',
    'progressing',
    'paused',
    'waiting-for-controller',
    'stalled',
    'deleting',
  ];
  for (const d of active) {
    const r = deploymentRollout(d, tag(d), now);
    if (order.indexOf(r.state) >= order.indexOf(rollout.state)) rollout = r;
  }

  let strategy: StrategySummary;
  if (blueGreen) {
    const colors = deployments
      .filter(d => colorOf(d))
      .map(d => ({
        color: colorOf(d)!,
        replicas: counts([d]),
        imageTag: tag(d),
      }))
      .sort((a, b) => (a.color < b.color ? -1 : 1));
    strategy = { type: 'blue-green', activeColor, colors };
    for (const idle of colors) {
      if (activeColor && idle.color !== activeColor) {
        notes.push(
          `idle colour ${idle.color}: ${idle.replicas.ready} of ${idle.replicas.desired} replicas ready (no traffic)`,
        );
      }
    }
  } else {
    strategy = { type: 'rolling', detail: describeRolling(active[0]) };
  }

  return {
    activeColor,
    blueGreen,
    active,
    replicas,
    rollout,
    strategy,
    image: summarizeImage(
      mainContainer(active[0]?.spec?.template, objects.component)?.image,
    ),
    hasStatus: active.some(d => d.status?.observedGeneration !== undefined),
    maxUnavailable: resolveMaxUnavailable(
      active[0]?.spec?.strategy?.rollingUpdate?.maxUnavailable,
      replicas.desired,
    ),
    notes,
  };
}
