/**
 * TEST DOUBLE: one evolution-todo release "running" in a cluster, for tests,
 * the simulated cluster and benches. The objects are the real renderer's
 * (`renderManifests(spec)`); this class only plays the parts of the cluster
 * that no renderer can: the API server's defaults and metadata, and the
 * Deployment, ReplicaSet, StatefulSet, HPA and PVC controllers and the
 * kubelet writing status, after the Kubernetes API reference. Then named
 * faults: rollout steps and stalls, pod failures, HPA conditions, PVC phases,
 * pause and deletion.
 *
 * A model, not Kubernetes: there is no API server here. Where it simplifies
 * (minReadySeconds 0, so ready means available; one container per pod), the
 * comment says so.
 */
import {
  coloredName,
  componentName,
  parseDeploymentParameters,
  type ClusterSnapshot,
  type Color,
  type Condition,
  type Deployment,
  type DeploymentSpec,
  type HorizontalPodAutoscaler,
  type KubeEvent,
  type KubeObject,
  type LabelledComponent,
  type PersistentVolumeClaim,
  type Pod,
  type ReplicaSet,
  type Service,
  type StatefulSet,
} from '@evolution-todo/plugin-evolution-todo-common';
import { renderManifests, type PlacedObject } from '../render/manifests';
import {
  applyFailure,
  isPodReady,
  markStarting,
  runningPodStatus,
  type PodFailure,
} from './podStates';

export interface ReleaseSimulatorOptions {
  /** Milliseconds since the epoch: "now" for every timestamp. */
  now: number;
  cluster?: string;
}

export type HpaFault =
  /** AbleToScale False: the scale subresource cannot be read (RBAC, wrong target). */
  | 'FailedGetScale'
  /** ScalingActive False: a memory target on pods that request no memory. */
  | 'FailedGetResourceMetric'
  /** ScalingActive False: the selector matches pods of another HPA's target. */
  | 'InvalidSelector';

export interface HpaState {
  current?: number;
  desired?: number;
  /** CPU utilization in percent of requests. */
  cpu?: number;
  memory?: number;
  fault?: HpaFault;
}

export interface RolloutStep {
  /** The image tag the new template runs. */
  tag: string;
  /** Pods of the new ReplicaSet (default: all desired). */
  updated?: number;
  /** How many of them passed readiness (default: all updated). */
  ready?: number;
  /** The new pods' age (default 15 s). */
  ageSeconds?: number;
  /** The new pods cannot pull their image and the deadline passed. */
  stalled?: boolean;
  color?: Color;
}

/** Kubernetes' alphabet for generated names (no vowels, no look-alikes). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a: a stable hash, so names and uids are the same on every run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function encode(value: number, length: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < length; i++) {
    out += ALPHABET[v % ALPHABET.length];
    v = hash(`${out}${v}`);
  }
  return out;
}

function uid(seed: string): string {
  const hex = [0, 1, 2, 3]
    .map(i => hash(`${seed}#${i}`).toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** Drops zero counts, as the controllers' JSON does (omitempty). */
function counts(values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(values))
    if (value) out[key] = value;
  return out;
}

function setCondition(conditions: Condition[], condition: Condition) {
  const index = conditions.findIndex(c => c.type === condition.type);
  if (index === -1) conditions.push(condition);
  else conditions[index] = condition;
}

interface DeploymentState {
  deployment: Deployment;
  /** Oldest first; the last one runs the current template. */
  replicaSets: ReplicaSet[];
  /** Set by faults that the status must keep (deadline, pause). */
  progressing?: Condition;
  /**
   * The current ReplicaSet became available once: the controller then keeps
   * Progressing at NewReplicaSetAvailable even when pods fail later.
   */
  progressed?: boolean;
}

export class ReleaseSimulator {
  readonly spec: DeploymentSpec;
  readonly cluster: string;
  /** What `renderManifests(spec)` returned, untouched: what a deploy applies. */
  readonly rendered: PlacedObject[];
  readonly deployments: Deployment[] = [];
  readonly replicaSets: ReplicaSet[] = [];
  readonly statefulSets: StatefulSet[] = [];
  readonly pods: Pod[] = [];
  readonly services: Service[] = [];
  readonly horizontalPodAutoscalers: HorizontalPodAutoscaler[] = [];
  readonly persistentVolumeClaims: PersistentVolumeClaim[] = [];
  readonly events: KubeEvent[] = [];
  private readonly now: number;
  private readonly states = new Map<string, DeploymentState>();
  private podCount = 0;

  /** A release from template parameters (validated by the one parameter schema). */
  static fromParameters(
    parameters: Record<string, unknown>,
    options: ReleaseSimulatorOptions,
  ): ReleaseSimulator {
    return new ReleaseSimulator(parseDeploymentParameters(parameters), options);
  }

  constructor(spec: DeploymentSpec, options: ReleaseSimulatorOptions) {
    this.spec = spec;
    this.now = options.now;
    this.cluster = options.cluster ?? 'local';
    this.rendered = renderManifests(spec);
    // Apply in the order a deploy does: the HPAs first here, so a Deployment
    // they own starts at the size the HPA keeps (min + 1: a little busy).
    for (const { object } of this.rendered) {
      if (object.kind === 'HorizontalPodAutoscaler') {
        this.admitHpa(clone(object) as HorizontalPodAutoscaler);
      }
    }
    for (const { object } of this.rendered) {
      if (object.kind === 'Deployment') {
        this.admitDeployment(clone(object) as Deployment);
      } else if (object.kind === 'StatefulSet') {
        this.admitStatefulSet(clone(object) as StatefulSet);
      } else if (object.kind === 'Service') {
        this.admitService(clone(object) as Service);
      }
    }
  }

  /** An RFC 3339 time `seconds` before now. */
  ago(seconds: number): string {
    return new Date(this.now - seconds * 1000).toISOString();
  }

  /** Every object the Kubernetes backend would fetch, as plain JSON. */
  snapshot(): ClusterSnapshot {
    return clone({
      cluster: this.cluster,
      deployments: this.deployments,
      replicaSets: this.replicaSets,
      statefulSets: this.statefulSets,
      pods: this.pods,
      services: this.services,
      horizontalPodAutoscalers: this.horizontalPodAutoscalers,
      persistentVolumeClaims: this.persistentVolumeClaims,
      events: this.events,
    });
  }

  workloadName(component: LabelledComponent, color?: Color): string {
    return color
      ? coloredName(this.spec.name, component as 'frontend', color)
      : componentName(this.spec.name, component);
  }

  deployment(component: LabelledComponent, color?: Color): Deployment {
    return this.state(component, color).deployment;
  }

  statefulSet(component: LabelledComponent = 'postgres'): StatefulSet {
    const name = this.workloadName(component);
    const found = this.statefulSets.find(s => s.metadata?.name === name);
    if (!found) throw new Error(`simulated release: no StatefulSet ${name}`);
    return found;
  }

  hpa(component: LabelledComponent): HorizontalPodAutoscaler {
    const name = this.workloadName(component);
    const found = this.horizontalPodAutoscalers.find(
      h => h.metadata?.name === name,
    );
    if (!found) throw new Error(`simulated release: no HPA ${name}`);
    return found;
  }

  service(component: LabelledComponent): Service {
    const name = this.workloadName(component);
    const found = this.services.find(s => s.metadata?.name === name);
    if (!found) throw new Error(`simulated release: no Service ${name}`);
    return found;
  }

  /** The pods of a workload: of a Deployment's current ReplicaSet first, then older ones. */
  podsOf(component: LabelledComponent, color?: Color): Pod[] {
    const sts = this.statefulSets.find(
      s => s.metadata?.name === this.workloadName(component),
    );
    if (sts) return this.ownedBy(sts.metadata!.name!);
    const { replicaSets } = this.state(component, color);
    return [...replicaSets]
      .reverse()
      .flatMap(rs => this.ownedBy(rs.metadata!.name!));
  }

  /** Sets the replica count, as `kubectl scale` (or the HPA) does; new pods are ready. */
  scale(component: LabelledComponent, replicas: number, color?: Color) {
    const state = this.state(component, color);
    state.deployment.spec!.replicas = replicas;
    const current = state.replicaSets[state.replicaSets.length - 1];
    current.spec!.replicas = replicas;
    const pods = this.ownedBy(current.metadata!.name!);
    for (let i = pods.length; i < replicas; i++) {
      this.createPod(current, 600 - i * 10);
    }
    for (const extra of pods.slice(replicas)) this.removePod(extra);
    this.reconcile(state);
    return this;
  }

  /**
   * One step of a rolling update to `tag` (maxSurge 1, maxUnavailable 0, as
   * rendered): the new ReplicaSet has `updated` pods, `ready` of them ready;
   * the old one keeps one pod for every new pod that is not ready yet.
   */
  rollout(component: LabelledComponent, step: RolloutStep) {
    const state = this.state(component, step.color);
    const { deployment } = state;
    state.progressed = false;
    const desired = deployment.spec!.replicas ?? 1;
    const updated = step.updated ?? desired;
    // Pods that cannot pull their image never become ready.
    const ready = step.stalled ? 0 : step.ready ?? updated;
    const container = deployment.spec!.template!.spec!.containers![0];
    container.image = container.image!.replace(/:[^:/]+$/, `:${step.tag}`);
    this.bumpGeneration(deployment, true);
    const previous = state.replicaSets[state.replicaSets.length - 1];
    const next = this.createReplicaSet(deployment, updated, 300);
    state.replicaSets.push(next);
    const age = step.ageSeconds ?? 15;
    for (let i = 0; i < updated; i++) {
      const pod = this.createPod(next, age);
      if (step.stalled) {
        applyFailure(pod, { type: 'ImagePullBackOff' }, s => this.ago(s));
      } else if (i >= ready) {
        markStarting(pod, s => this.ago(s), age);
      }
    }
    const keepOld = Math.max(0, desired - ready);
    const oldPods = this.ownedBy(previous.metadata!.name!);
    for (const pod of oldPods.slice(keepOld)) this.removePod(pod);
    previous.spec!.replicas = Math.min(keepOld, oldPods.length);
    state.progressing = step.stalled
      ? {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: `ReplicaSet "${
            next.metadata!.name
          }" has timed out progressing.`,
          lastUpdateTime: this.ago(20),
          lastTransitionTime: this.ago(20),
        }
      : undefined;
    this.reconcile(state);
    return this;
  }

  /** `helm upgrade` changed the template; the controller has not observed it yet. */
  changeUnobserved(component: LabelledComponent, tag: string, color?: Color) {
    const { deployment } = this.state(component, color);
    const container = deployment.spec!.template!.spec!.containers![0];
    container.image = container.image!.replace(/:[^:/]+$/, `:${tag}`);
    this.bumpGeneration(deployment, false);
    return this;
  }

  /** `kubectl rollout pause`: spec.paused, and Progressing turns Unknown/DeploymentPaused. */
  pause(component: LabelledComponent, color?: Color) {
    const state = this.state(component, color);
    state.deployment.spec!.paused = true;
    this.bumpGeneration(state.deployment, true);
    state.progressing = {
      type: 'Progressing',
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
      lastUpdateTime: this.ago(60),
      lastTransitionTime: this.ago(60),
    };
    this.reconcile(state);
    return this;
  }

  /** `kubectl delete` with foreground deletion: deletionTimestamp and a finalizer while dependents go. */
  delete(component: LabelledComponent, secondsAgo = 30, color?: Color) {
    const object: KubeObject =
      this.statefulSets.find(
        s => s.metadata?.name === this.workloadName(component),
      ) ?? this.state(component, color).deployment;
    Object.assign(object.metadata!, {
      deletionTimestamp: this.ago(secondsAgo),
      deletionGracePeriodSeconds: 0,
      finalizers: ['foregroundDeletion'],
    });
    return this;
  }

  /** Puts the workload's `index`-th pod into a failure state; the controller's counts follow. */
  failPod(
    component: LabelledComponent,
    index: number,
    failure: PodFailure,
    color?: Color,
  ): Pod {
    const pod = this.podsOf(component, color)[index];
    if (!pod) throw new Error(`simulated release: no pod ${index}`);
    applyFailure(pod, failure, s => this.ago(s));
    this.reconcileOwnerOf(pod);
    return pod;
  }

  /** The HPA's status: replicas, metrics and, optionally, a failing condition. */
  setHpa(component: LabelledComponent, state: HpaState) {
    const hpa = this.hpa(component);
    const status = hpa.status!;
    const target = hpa.spec!.scaleTargetRef!.name!;
    if (state.current !== undefined) {
      const owner = [...this.states.values()].find(
        s => s.deployment.metadata?.name === target,
      );
      if (owner) {
        this.scale(
          owner.deployment.metadata!.labels![
            'app.kubernetes.io/component'
          ] as LabelledComponent,
          state.current,
          this.colorOf(owner.deployment),
        );
      }
      status.currentReplicas = state.current;
      status.desiredReplicas = state.desired ?? state.current;
    } else if (state.desired !== undefined) {
      status.desiredReplicas = state.desired;
    }
    status.currentMetrics = this.currentMetrics(hpa, state);
    const max = hpa.spec!.maxReplicas!;
    const conditions = status.conditions!;
    if ((status.desiredReplicas ?? 0) >= max && (state.cpu ?? 0) > 0) {
      setCondition(conditions, {
        type: 'ScalingLimited',
        status: 'True',
        reason: 'TooManyReplicas',
        message:
          'the desired replica count is more than the maximum replica count',
        lastTransitionTime: this.ago(600),
      });
    }
    if (state.fault === 'FailedGetScale') {
      status.conditions = [
        {
          type: 'AbleToScale',
          status: 'False',
          reason: 'FailedGetScale',
          message: `the HPA controller was unable to get the target's current scale: deployments/scale.apps "${target}" is forbidden`,
          lastTransitionTime: this.ago(300),
        },
      ];
      delete status.currentMetrics;
    } else if (state.fault === 'FailedGetResourceMetric') {
      const pod = this.ownedByTarget(target)[0]?.metadata?.name ?? target;
      setCondition(conditions, {
        type: 'ScalingActive',
        status: 'False',
        reason: 'FailedGetResourceMetric',
        message: `the HPA was unable to compute the replica count: failed to get memory utilization: missing request for memory in container ${
          hpa.metadata!.labels!['app.kubernetes.io/component']
        } of Pod ${pod}`,
        lastTransitionTime: this.ago(300),
      });
    } else if (state.fault === 'InvalidSelector') {
      setCondition(conditions, {
        type: 'ScalingActive',
        status: 'False',
        reason: 'InvalidSelector',
        message: `pods by selector app.kubernetes.io/instance=${this.spec.name} are controlled by multiple HPAs: [${this.spec.namespace}/${target} ${this.spec.namespace}/legacy]`,
        lastTransitionTime: this.ago(300),
      });
      delete status.currentMetrics;
    }
    return this;
  }

  /** A PVC of the StatefulSet leaves Bound: Pending (nothing provisions it) or Lost (its volume is gone). */
  setPvcPhase(
    phase: 'Pending' | 'Lost',
    options: { ordinal?: number; storageClass?: string } = {},
  ): PersistentVolumeClaim {
    const sts = this.statefulSet('postgres');
    const name = `${sts.spec!.volumeClaimTemplates![0].metadata!.name}-${
      sts.metadata!.name
    }-${options.ordinal ?? 0}`;
    const claim = this.persistentVolumeClaims.find(
      c => c.metadata?.name === name,
    )!;
    if (options.storageClass) {
      claim.spec!.storageClassName = options.storageClass;
    }
    if (phase === 'Pending') {
      delete (claim.spec as { volumeName?: string }).volumeName;
      claim.status = { phase: 'Pending' };
      const pod = this.ownedBy(sts.metadata!.name!)[options.ordinal ?? 0];
      if (pod) {
        applyFailure(
          pod,
          {
            type: 'Unschedulable',
            message:
              '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
          },
          s => this.ago(s),
        );
        this.reconcileStatefulSet(sts);
      }
    } else {
      claim.status = { ...claim.status, phase: 'Lost' };
    }
    return claim;
  }

  /** A core/v1 Event about an object, as a controller or the kubelet records it. */
  event(
    kind: string,
    name: string,
    reason: string,
    message: string,
    options: {
      type?: 'Warning' | 'Normal';
      count?: number;
      secondsAgo?: number;
    } = {},
  ) {
    const secondsAgo = options.secondsAgo ?? 30;
    const first = this.ago(secondsAgo + 900);
    this.events.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${name}.${hash(`${name}${reason}${this.events.length}`).toString(
          16,
        )}`,
        namespace: this.spec.namespace,
        uid: uid(`event/${name}/${reason}/${this.events.length}`),
        creationTimestamp: first,
      },
      involvedObject: {
        kind,
        name,
        namespace: this.spec.namespace,
      },
      type: options.type ?? 'Warning',
      reason,
      message,
      count: options.count ?? 1,
      firstTimestamp: first,
      lastTimestamp: this.ago(secondsAgo),
    });
    return this;
  }

  // ---- the API server: defaults and metadata ----

  private metadataFor(object: KubeObject, ageSeconds: number) {
    const meta = object.metadata!;
    Object.assign(meta, {
      uid: uid(`${object.kind}/${meta.namespace}/${meta.name}`),
      creationTimestamp: this.ago(ageSeconds),
      resourceVersion: String(40000 + (hash(meta.name ?? '') % 9000)),
      annotations: {
        ...meta.annotations,
        'meta.helm.sh/release-name': this.spec.name,
        'meta.helm.sh/release-namespace': this.spec.namespace,
      },
    });
  }

  private bumpGeneration(object: Deployment | StatefulSet, observed: boolean) {
    object.metadata!.generation = (object.metadata!.generation ?? 1) + 1;
    if (observed && object.status) {
      object.status.observedGeneration = object.metadata!.generation;
    }
  }

  private admitHpa(hpa: HorizontalPodAutoscaler) {
    this.metadataFor(hpa, 3 * 86400);
    const current = (hpa.spec!.minReplicas ?? 1) + 1;
    hpa.status = {
      currentReplicas: current,
      desiredReplicas: current,
      lastScaleTime: this.ago(3600),
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
          lastTransitionTime: this.ago(3600),
        },
        {
          type: 'ScalingActive',
          status: 'True',
          reason: 'ValidMetricFound',
          message:
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
          lastTransitionTime: this.ago(86400),
        },
        {
          type: 'ScalingLimited',
          status: 'False',
          reason: 'DesiredWithinRange',
          message: 'the desired count is within the acceptable range',
          lastTransitionTime: this.ago(3600),
        },
      ],
    };
    hpa.status.currentMetrics = this.currentMetrics(hpa, { cpu: 41 });
    this.horizontalPodAutoscalers.push(hpa);
  }

  private currentMetrics(hpa: HorizontalPodAutoscaler, state: HpaState) {
    return (hpa.spec!.metrics ?? []).map(metric => {
      const name = metric.resource?.name ?? 'cpu';
      const utilization =
        name === 'memory' ? state.memory ?? 55 : state.cpu ?? 41;
      return {
        type: 'Resource',
        resource: {
          name,
          current: {
            averageUtilization: utilization,
            averageValue:
              name === 'memory'
                ? `${Math.round(2.56 * utilization)}Mi`
                : `${Math.round(2.5 * utilization)}m`,
          },
        },
      };
    });
  }

  private admitDeployment(deployment: Deployment) {
    this.metadataFor(deployment, 3 * 86400);
    const spec = deployment.spec!;
    const owner = this.horizontalPodAutoscalers.find(
      h => h.spec?.scaleTargetRef?.name === deployment.metadata!.name,
    );
    // An HPA-managed Deployment states no replicas; the HPA sets them.
    spec.replicas ??= owner?.status?.currentReplicas ?? 1;
    spec.progressDeadlineSeconds ??= 600;
    (spec as { revisionHistoryLimit?: number }).revisionHistoryLimit ??= 10;
    deployment.metadata!.generation = 2;
    deployment.metadata!.annotations!['deployment.kubernetes.io/revision'] =
      '2';
    deployment.status = { observedGeneration: 2 };
    const state: DeploymentState = { deployment, replicaSets: [] };
    this.states.set(deployment.metadata!.name!, state);
    this.deployments.push(deployment);
    const rs = this.createReplicaSet(deployment, spec.replicas, 2 * 86400);
    state.replicaSets.push(rs);
    for (let i = 0; i < spec.replicas; i++) {
      this.createPod(rs, 2 * 86400 - i * 60);
    }
    this.reconcile(state);
  }

  private admitStatefulSet(sts: StatefulSet) {
    this.metadataFor(sts, 3 * 86400);
    const spec = sts.spec!;
    spec.replicas ??= 1;
    spec.updateStrategy ??= {
      type: 'RollingUpdate',
      rollingUpdate: { partition: 0 },
    };
    sts.metadata!.generation = 1;
    const revision = `${sts.metadata!.name}-${encode(
      hash(JSON.stringify(spec.template)),
      9,
    )}`;
    sts.status = {
      observedGeneration: 1,
      currentRevision: revision,
      updateRevision: revision,
    };
    this.statefulSets.push(sts);
    for (let ordinal = 0; ordinal < spec.replicas; ordinal++) {
      for (const template of spec.volumeClaimTemplates ?? []) {
        this.createClaim(sts, template, ordinal);
      }
      this.createPod(sts, 2 * 86400, ordinal);
    }
    this.reconcileStatefulSet(sts);
  }

  private admitService(service: Service) {
    this.metadataFor(service, 3 * 86400);
    const spec = service.spec!;
    if (spec.clusterIP !== 'None') {
      const h = hash(service.metadata!.name!);
      spec.clusterIP = `10.96.${h % 250}.${(h >> 8) % 250}`;
    }
    this.services.push(service);
  }

  // ---- controllers ----

  private state(component: LabelledComponent, color?: Color): DeploymentState {
    const name = this.workloadName(component, color);
    const state = this.states.get(name);
    if (!state) throw new Error(`simulated release: no Deployment ${name}`);
    return state;
  }

  private colorOf(deployment: Deployment): Color | undefined {
    return deployment.metadata?.labels?.['evolution-todo.dev/color'] as
      | Color
      | undefined;
  }

  private ownedBy(owner: string): Pod[] {
    return this.pods.filter(
      p => p.metadata?.ownerReferences?.[0]?.name === owner,
    );
  }

  private ownedByTarget(deployment: string): Pod[] {
    const state = this.states.get(deployment);
    if (!state) return [];
    return state.replicaSets.flatMap(rs => this.ownedBy(rs.metadata!.name!));
  }

  private createReplicaSet(
    deployment: Deployment,
    replicas: number,
    ageSeconds: number,
  ): ReplicaSet {
    const template = clone(deployment.spec!.template!);
    const podTemplateHash = encode(hash(JSON.stringify(template)), 10);
    const name = `${deployment.metadata!.name}-${podTemplateHash}`;
    template.metadata = {
      ...template.metadata,
      labels: {
        ...template.metadata?.labels,
        'pod-template-hash': podTemplateHash,
      },
    };
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: deployment.metadata!.namespace,
        labels: template.metadata.labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/revision':
            deployment.metadata!.annotations![
              'deployment.kubernetes.io/revision'
            ],
        },
        ownerReferences: [
          {
            kind: 'Deployment',
            name: deployment.metadata!.name,
            uid: deployment.metadata!.uid,
            controller: true,
          },
        ],
      },
      spec: { replicas, template },
      status: {},
    };
    this.metadataFor(rs, ageSeconds);
    delete rs.metadata!.annotations!['meta.helm.sh/release-name'];
    delete rs.metadata!.annotations!['meta.helm.sh/release-namespace'];
    this.replicaSets.push(rs);
    return rs;
  }

  private createClaim(
    sts: StatefulSet,
    template: { metadata?: { name?: string }; spec?: unknown },
    ordinal: number,
  ) {
    const name = `${template.metadata!.name}-${sts.metadata!.name}-${ordinal}`;
    const spec = clone(template.spec ?? {}) as NonNullable<
      PersistentVolumeClaim['spec']
    > & { volumeName?: string };
    spec.storageClassName ??= 'standard';
    const claimUid = uid(`PersistentVolumeClaim/${name}`);
    spec.volumeName = `pvc-${claimUid}`;
    const storage = spec.resources?.requests?.storage;
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: sts.metadata!.namespace,
        labels: clone(sts.spec!.selector?.matchLabels ?? {}),
        uid: claimUid,
        creationTimestamp: this.ago(3 * 86400),
      },
      spec,
      status: {
        phase: 'Bound',
        ...(storage === undefined ? {} : { capacity: { storage } }),
      },
    };
    this.persistentVolumeClaims.push(claim);
  }

  private createPod(
    owner: ReplicaSet | StatefulSet,
    ageSeconds: number,
    ordinal?: number,
  ): Pod {
    const ownerName = owner.metadata!.name!;
    const template = owner.spec!.template!;
    const isStatefulSet = owner.kind === 'StatefulSet';
    const index = this.podCount++;
    const name = isStatefulSet
      ? `${ownerName}-${ordinal}`
      : `${ownerName}-${encode(hash(`${ownerName}/${index}`), 5)}`;
    const started = this.ago(ageSeconds);
    const volumes = [
      ...((template.spec as { volumes?: unknown[] }).volumes ?? []),
    ];
    if (isStatefulSet) {
      for (const claim of (owner as StatefulSet).spec!.volumeClaimTemplates ??
        []) {
        volumes.push({
          name: claim.metadata!.name,
          persistentVolumeClaim: {
            claimName: `${claim.metadata!.name}-${ownerName}-${ordinal}`,
          },
        });
      }
    }
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: owner.metadata!.namespace,
        uid: uid(`Pod/${name}`),
        creationTimestamp: started,
        labels: {
          ...template.metadata?.labels,
          ...(isStatefulSet
            ? {
                'statefulset.kubernetes.io/pod-name': name,
                'apps.kubernetes.io/pod-index': String(ordinal),
              }
            : {}),
        },
        ownerReferences: [
          {
            kind: owner.kind,
            name: ownerName,
            uid: owner.metadata!.uid,
            controller: true,
          },
        ],
      },
      spec: {
        ...clone(template.spec),
        nodeName: `kind-worker${index % 2 === 0 ? '' : '2'}`,
        volumes,
      } as Pod['spec'],
    };
    pod.status = {
      ...runningPodStatus(pod, started),
      podIP: `10.244.${(index % 2) + 1}.${(index % 250) + 2}`,
    } as Pod['status'];
    this.pods.push(pod);
    return pod;
  }

  private removePod(pod: Pod) {
    this.pods.splice(this.pods.indexOf(pod), 1);
  }

  private reconcileOwnerOf(pod: Pod) {
    const owner = pod.metadata!.ownerReferences![0];
    if (owner.kind === 'StatefulSet') {
      const sts = this.statefulSets.find(s => s.metadata?.name === owner.name);
      if (sts) this.reconcileStatefulSet(sts);
      return;
    }
    for (const state of this.states.values()) {
      if (state.replicaSets.some(rs => rs.metadata?.name === owner.name)) {
        this.reconcile(state);
      }
    }
  }

  /** The Deployment and ReplicaSet controllers' status, from the pods. */
  private reconcile(state: DeploymentState) {
    const { deployment, replicaSets } = state;
    const desired = deployment.spec!.replicas ?? 1;
    let total = 0;
    let ready = 0;
    for (const rs of replicaSets) {
      const pods = this.ownedBy(rs.metadata!.name!);
      const rsReady = pods.filter(isPodReady).length;
      rs.status = {
        ...counts({
          replicas: pods.length,
          readyReplicas: rsReady,
          availableReplicas: rsReady,
          fullyLabeledReplicas: pods.length,
        }),
        observedGeneration: 1,
      } as ReplicaSet['status'];
      total += pods.length;
      ready += rsReady;
    }
    const current = replicaSets[replicaSets.length - 1];
    const updated = this.ownedBy(current.metadata!.name!).length;
    const maxUnavailable = 0; // the renderer's rolling update: maxSurge 1, maxUnavailable 0
    const previous = deployment.status?.conditions ?? [];
    const conditions: Condition[] = [];
    const available = ready >= desired - maxUnavailable;
    const since = (type: string, status: string) => {
      const old = previous.find(c => c.type === type);
      return old && old.status === status
        ? old.lastTransitionTime
        : this.ago(desired === 0 ? 3 * 86400 : 30);
    };
    conditions.push({
      type: 'Available',
      status: available ? 'True' : 'False',
      reason: available
        ? 'MinimumReplicasAvailable'
        : 'MinimumReplicasUnavailable',
      message: available
        ? 'Deployment has minimum availability.'
        : 'Deployment does not have minimum availability.',
      lastUpdateTime: since('Available', available ? 'True' : 'False'),
      lastTransitionTime: since('Available', available ? 'True' : 'False'),
    });
    const done =
      updated === desired &&
      total === updated &&
      (ready === desired || state.progressed === true);
    if (done) state.progressed = true;
    conditions.push(
      state.progressing ?? {
        type: 'Progressing',
        status: 'True',
        reason: done ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
        message: done
          ? `ReplicaSet "${
              current.metadata!.name
            }" has successfully progressed.`
          : `ReplicaSet "${current.metadata!.name}" is progressing.`,
        lastUpdateTime: done ? this.ago(3 * 86400 - 60) : this.ago(10),
        lastTransitionTime: this.ago(3 * 86400),
      },
    );
    deployment.status = {
      observedGeneration: deployment.status?.observedGeneration,
      ...counts({
        replicas: total,
        updatedReplicas: updated,
        readyReplicas: ready,
        availableReplicas: ready,
        unavailableReplicas: Math.max(0, desired - ready),
      }),
      conditions,
    };
  }

  /** The StatefulSet controller's status, from its pods. */
  private reconcileStatefulSet(sts: StatefulSet) {
    const pods = this.ownedBy(sts.metadata!.name!);
    const ready = pods.filter(isPodReady).length;
    sts.status = {
      ...sts.status,
      ...{
        replicas: pods.length,
        readyReplicas: ready,
        availableReplicas: ready,
        currentReplicas: pods.length,
        updatedReplicas: pods.length,
      },
    };
    for (const key of ['readyReplicas', 'availableReplicas'] as const) {
      if (!sts.status[key]) delete sts.status[key];
    }
  }
}
