/**
 * The parts of Kubernetes objects the health rules read. Structural on purpose:
 * objects parsed from JSON and @kubernetes/client-node's classes both fit, and
 * this package stays free of client-node (it runs in the browser too).
 * Every field is optional because real responses (and broken ones) omit them.
 */

/** Timestamps arrive as RFC 3339 strings over JSON and as Dates from client-node. */
export type Timestamp = string | Date;
/** An IntOrString: `1` or `"25%"`. */
export type IntOrPercent = number | string;

export interface OwnerReference {
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  creationTimestamp?: Timestamp;
  deletionTimestamp?: Timestamp;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: Timestamp;
  lastUpdateTime?: Timestamp;
}

export interface Container {
  name?: string;
  image?: string;
  resources?: {
    limits?: Record<string, string | number | undefined>;
    requests?: Record<string, string | number | undefined>;
  };
}

export interface PodTemplate {
  metadata?: ObjectMeta;
  spec?: {
    containers?: Container[];
    initContainers?: Container[];
  };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
}

export interface Deployment extends KubeObject {
  spec?: {
    replicas?: number;
    paused?: boolean;
    selector?: LabelSelector;
    template?: PodTemplate;
    progressDeadlineSeconds?: number;
    strategy?: {
      type?: string;
      rollingUpdate?: {
        maxSurge?: IntOrPercent;
        maxUnavailable?: IntOrPercent;
      };
    };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Condition[];
  };
}

export interface ReplicaSet extends KubeObject {
  spec?: { replicas?: number; template?: PodTemplate };
  status?: { replicas?: number; readyReplicas?: number };
}

export interface StatefulSet extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    serviceName?: string;
    template?: PodTemplate;
    updateStrategy?: {
      type?: string;
      rollingUpdate?: { partition?: number; maxUnavailable?: IntOrPercent };
    };
    volumeClaimTemplates?: Array<{ metadata?: ObjectMeta }>;
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    currentReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    conditions?: Condition[];
  };
}

export interface ContainerStateDetails {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: Timestamp };
  terminated?: {
    reason?: string;
    message?: string;
    exitCode?: number;
    finishedAt?: Timestamp;
  };
}

export interface ContainerStatus {
  name?: string;
  image?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerStateDetails;
  lastState?: ContainerStateDetails;
}

export interface Pod extends KubeObject {
  spec?: {
    containers?: Container[];
    nodeName?: string;
    volumes?: Array<{
      name?: string;
      persistentVolumeClaim?: { claimName?: string };
    }>;
  };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    startTime?: Timestamp;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export interface MetricTarget {
  type?: string;
  averageUtilization?: number;
  averageValue?: string | number;
  value?: string | number;
}

export interface MetricValueStatus {
  averageUtilization?: number;
  averageValue?: string | number;
  value?: string | number;
}

/** autoscaling/v2 metric source: Resource, ContainerResource, Pods, Object, External. */
export interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: MetricTarget };
  containerResource?: {
    name?: string;
    container?: string;
    target?: MetricTarget;
  };
  pods?: { metric?: { name?: string }; target?: MetricTarget };
  object?: { metric?: { name?: string }; target?: MetricTarget };
  external?: { metric?: { name?: string }; target?: MetricTarget };
}

export interface MetricStatus {
  type?: string;
  resource?: { name?: string; current?: MetricValueStatus };
  containerResource?: {
    name?: string;
    container?: string;
    current?: MetricValueStatus;
  };
  pods?: { metric?: { name?: string }; current?: MetricValueStatus };
  object?: { metric?: { name?: string }; current?: MetricValueStatus };
  external?: { metric?: { name?: string }; current?: MetricValueStatus };
}

/** autoscaling/v2 HorizontalPodAutoscaler. */
export interface HorizontalPodAutoscaler extends KubeObject {
  spec?: {
    scaleTargetRef?: { kind?: string; name?: string; apiVersion?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: MetricSpec[];
  };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    lastScaleTime?: Timestamp;
    currentMetrics?: MetricStatus[];
    conditions?: Condition[];
  };
}

export interface PersistentVolumeClaim extends KubeObject {
  spec?: {
    storageClassName?: string;
    resources?: { requests?: Record<string, string | number | undefined> };
  };
  status?: {
    phase?: string;
    capacity?: Record<string, string | number | undefined>;
    conditions?: Condition[];
  };
}

export interface Service extends KubeObject {
  spec?: {
    selector?: Record<string, string>;
    clusterIP?: string;
    ports?: Array<{
      name?: string;
      port?: number;
      targetPort?: IntOrPercent;
    }>;
  };
}

/** core/v1 Event (events.k8s.io/v1 has the same fields under other names; the backend proxies core/v1). */
export interface KubeEvent extends KubeObject {
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: Timestamp | null;
  lastTimestamp?: Timestamp | null;
  eventTime?: Timestamp | null;
  series?: { count?: number; lastObservedTime?: Timestamp };
}
