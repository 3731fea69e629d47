import type { Color, Component } from '../naming/components';
import type {
  Deployment,
  HorizontalPodAutoscaler,
  KubeEvent,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  Service,
  StatefulSet,
} from './kubernetes';

/**
 * The answer to "is it healthy". Ordered from best to worst except Unknown,
 * which sits between Healthy and Degraded: not knowing is worse than healthy
 * but better than a known fault.
 */
export type Verdict = 'Healthy' | 'Unknown' | 'Degraded' | 'Down';

/** Every object of one cluster the rules look at, as the Kubernetes API returns them. */
export interface ClusterSnapshot {
  cluster?: string;
  deployments?: Deployment[];
  statefulSets?: StatefulSet[];
  replicaSets?: ReplicaSet[];
  pods?: Pod[];
  horizontalPodAutoscalers?: HorizontalPodAutoscaler[];
  persistentVolumeClaims?: PersistentVolumeClaim[];
  services?: Service[];
  events?: KubeEvent[];
  /** Kinds that could not be read, with why (e.g. "pods: 403 Forbidden"): they weaken the verdict. */
  unreadable?: string[];
}

/** The objects of one workload: a Deployment (or a blue-green pair) or a StatefulSet and what belongs to it. */
export interface WorkloadObjects {
  /** `<namespace>/<name>`, unique per cluster. */
  key: string;
  cluster?: string;
  namespace?: string;
  /** `<release>-<component>` for our workloads, else the controller's name. */
  name: string;
  component?: Component;
  release?: string;
  kind: 'Deployment' | 'StatefulSet';
  /** One, or two for blue-green (each carries the colour label). */
  deployments: Deployment[];
  statefulSet?: StatefulSet;
  replicaSets: ReplicaSet[];
  pods: Pod[];
  horizontalPodAutoscalers: HorizontalPodAutoscaler[];
  persistentVolumeClaims: PersistentVolumeClaim[];
  services: Service[];
  events: KubeEvent[];
}

export interface ReplicaCounts {
  desired: number;
  updated: number;
  ready: number;
  available: number;
}

/**
 * - paused: spec.paused on a Deployment, or a StatefulSet held at a partition;
 *   never "complete", because the next change will not roll out by itself;
 * - deleting: metadata.deletionTimestamp is set; the workload is going away.
 */
export type RolloutState =
  | 'complete'
  | 'progressing'
  | 'paused'
  | 'stalled'
  | 'waiting-for-controller'
  | 'deleting';

export interface RolloutStatus {
  state: RolloutState;
  /** In words, e.g. "2 of 3 replicas updated to 0.2.0". */
  message: string;
}

export type StrategySummary =
  | {
      type: 'rolling';
      /** Deployment RollingUpdate, Recreate, or StatefulSet RollingUpdate/OnDelete. */
      detail: string;
    }
  | {
      type: 'blue-green';
      /** The colour the Service selects; undefined when no Service selects one. */
      activeColor?: Color;
      colors: Array<{
        color: Color;
        replicas: ReplicaCounts;
        imageTag?: string;
      }>;
    };

export interface ImageSummary {
  reference: string;
  /** The tag, or a shortened digest, or "latest" when the reference has neither. */
  tag: string;
}

export type HpaConditionType =
  | 'AbleToScale'
  | 'ScalingActive'
  | 'ScalingLimited';

export interface HpaCondition {
  type: HpaConditionType;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface HpaMetricSummary {
  /** "cpu", "memory", or the metric name for Pods/Object/External metrics. */
  name: string;
  /** "75%" of requests, or a quantity such as "300Mi". */
  current?: string;
  target?: string;
  /** True when the current value is above the target. */
  aboveTarget?: boolean;
  /**
   * The same as numbers on one scale, for drawing: percent of requests for
   * utilization targets, else the quantity in base units (cores, bytes, count).
   */
  currentValue?: number;
  targetValue?: number;
}

export interface HpaSummary {
  name: string;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas?: number;
  desiredReplicas?: number;
  cpu?: HpaMetricSummary;
  memory?: HpaMetricSummary;
  otherMetrics: HpaMetricSummary[];
  conditions: HpaCondition[];
  /** At maxReplicas and wanting at least as many: it cannot add capacity. */
  saturated: boolean;
  /** Problems in words; empty when the autoscaler works. */
  problems: string[];
}

export type PodProblemType =
  | 'CrashLoopBackOff'
  | 'ImagePullBackOff'
  | 'OOMKilled'
  | 'CreateContainerConfigError'
  /** Any other waiting reason that means failure: Err*, *Error, *BackOff. */
  | 'ContainerError'
  | 'Unschedulable'
  | 'NotReady'
  | 'Restarted'
  | 'Evicted'
  | 'Failed';

export interface PodProblem {
  pod: string;
  container?: string;
  type: PodProblemType;
  /** In words, with the reason Kubernetes gave. */
  message: string;
}

export interface PodSummary {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  color?: Color;
  imageTag?: string;
  problems: PodProblem[];
}

export interface PvcSummary {
  name: string;
  phase: string;
  capacity?: string;
  storageClass?: string;
  /** Why it is not Bound, from its latest event, when it is not. */
  problem?: string;
}

export interface EventSummary {
  object: string;
  reason: string;
  message: string;
  count: number;
  lastSeen?: string;
}

export type ProbeName = 'health' | 'readiness';

/**
 * A live call to a service's health endpoint through the Kubernetes API proxy.
 * - pass: the app answered 2xx;
 * - fail: the app answered an error, or nothing answered in time, or no pod backs the Service;
 * - unavailable: the call could not be made (permissions, proxy, configuration): says nothing about the app.
 */
export interface ProbeResult {
  component: string;
  /** The cluster the call went to; results without one apply to every cluster. */
  cluster?: string;
  probe: ProbeName;
  path: string;
  outcome: 'pass' | 'fail' | 'unavailable';
  status?: number;
  /** In words, e.g. "answered 503: database unreachable". */
  message: string;
}

export interface WorkloadHealth {
  key: string;
  cluster?: string;
  namespace?: string;
  name: string;
  component?: Component;
  kind: 'Deployment' | 'StatefulSet';
  verdict: Verdict;
  /** Why the verdict, most important first; for Healthy a one-line summary. */
  reasons: string[];
  /** Facts worth knowing that do not change the verdict. */
  notes: string[];
  replicas: ReplicaCounts;
  rollout: RolloutStatus;
  strategy: StrategySummary;
  image?: ImageSummary;
  hpa?: HpaSummary;
  /**
   * Every pod of the workload, counted: ready, starting (not ready, nothing
   * wrong yet), failing (a problem), terminating (on its way out); they add up
   * to total. Desired is in `replicas`.
   */
  podCounts: {
    total: number;
    ready: number;
    starting: number;
    failing: number;
    terminating: number;
    restarts: number;
  };
  /**
   * The pods that need a look: not ready, restarted, terminating or with a
   * problem. Ready pods that never restarted are only counted: a release can
   * have thousands, and the Kubernetes tab lists them all.
   */
  pods: PodSummary[];
  persistentVolumeClaims: PvcSummary[];
  warningEvents: EventSummary[];
  probes: ProbeResult[];
}

export interface SystemHealth {
  verdict: Verdict;
  reasons: string[];
  workloads: WorkloadHealth[];
}

export interface EvaluationOptions {
  /** Milliseconds since the epoch; defaults to Date.now(). Rules about "recent" use it. */
  now?: number;
}
