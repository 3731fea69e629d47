/**
 * The Kubernetes objects the health rules read, typed by kubernetes-models
 * (the same generated API types the renderers build objects with), with every
 * field optional: list items come without apiVersion and kind, and real
 * responses (and broken ones) omit fields. Type-only imports: nothing of
 * kubernetes-models reaches the frontend bundle.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IDeploymentCondition } from 'kubernetes-models/apps/v1/DeploymentCondition';
import type { IReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IMetricSpec } from 'kubernetes-models/autoscaling/v2/MetricSpec';
import type { IMetricStatus } from 'kubernetes-models/autoscaling/v2/MetricStatus';
import type { IMetricTarget } from 'kubernetes-models/autoscaling/v2/MetricTarget';
import type { IMetricValueStatus } from 'kubernetes-models/autoscaling/v2/MetricValueStatus';
import type { IContainerStatus } from 'kubernetes-models/v1/ContainerStatus';
import type { IEvent } from 'kubernetes-models/v1/Event';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { IService } from 'kubernetes-models/v1/Service';

/**
 * Every field optional, all the way down; arrays keep their (partial) element
 * type, and maps such as labels (`{ [key: string]: string }`) stay as they are.
 */
export type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
  ? string extends keyof T
    ? T
    : { [K in keyof T]?: DeepPartial<T[K]> }
  : T;

/** A model type as it arrives in a list: any kind, any apiVersion, every field optional. */
type Observed<T> = DeepPartial<Omit<T, 'apiVersion' | 'kind'>> & {
  apiVersion?: string;
  kind?: string;
};

/** Timestamps arrive as RFC 3339 strings over JSON and as Dates from client-node. */
export type Timestamp = string | Date;
/** An IntOrString: `1` or `"25%"`. */
export type IntOrPercent = number | string;

export type Pod = Observed<IPod>;
export type Deployment = Observed<IDeployment>;
export type ReplicaSet = Observed<IReplicaSet>;
export type StatefulSet = Observed<IStatefulSet>;
export type HorizontalPodAutoscaler = Observed<IHorizontalPodAutoscaler>;
export type PersistentVolumeClaim = Observed<IPersistentVolumeClaim>;
export type Service = Observed<IService>;
/** core/v1 Event (events.k8s.io/v1 has the same fields under other names; the backend proxies core/v1). */
export type KubeEvent = Observed<IEvent>;

export type ObjectMeta = NonNullable<Pod['metadata']>;
export type OwnerReference = NonNullable<ObjectMeta['ownerReferences']>[number];
/** Any object: kind, apiVersion and metadata. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/**
 * A status condition. Deployment conditions have every field the other kinds'
 * conditions have (type, status, reason, message, lastTransitionTime) and lastUpdateTime.
 */
export type Condition = DeepPartial<IDeploymentCondition>;
export type PodTemplate = DeepPartial<IPodTemplateSpec>;
export type Container = NonNullable<
  NonNullable<PodTemplate['spec']>['containers']
>[number];
export type LabelSelector = NonNullable<
  NonNullable<Deployment['spec']>['selector']
>;
export type ContainerStatus = DeepPartial<IContainerStatus>;
export type ContainerStateDetails = NonNullable<ContainerStatus['state']>;
/** autoscaling/v2 metric source: Resource, ContainerResource, Pods, Object, External. */
export type MetricSpec = DeepPartial<IMetricSpec>;
export type MetricStatus = DeepPartial<IMetricStatus>;
export type MetricTarget = DeepPartial<IMetricTarget>;
export type MetricValueStatus = DeepPartial<IMetricValueStatus>;
