/**
 * Test-only builders of Kubernetes objects as our chart renders them, with the
 * status a real cluster reports. Names, labels and selectors come from the
 * naming helpers, so the tests see what the cluster would show.
 */
import type { AppComponent, Color, Component } from '../../naming/components';
import { commonLabels, LABELS, selectorLabels } from '../../naming/labels';
import { coloredName, componentName } from '../../naming/names';
import type {
  Condition,
  ContainerStatus,
  Deployment,
  HorizontalPodAutoscaler,
  KubeEvent,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  Service,
  StatefulSet,
} from '../kubernetes';
import type { ClusterSnapshot } from '../types';

export const NOW = Date.parse('2026-11-27T12:00:00Z');
export const RELEASE = 'todo';
export const NAMESPACE = 'todo';
const ctx = { release: RELEASE, version: '0.1.0', chartVersion: '0.1.0' };
const PORTS: Record<Component, number> = {
  frontend: 3000,
  backend: 8000,
  mcp: 8080,
  postgres: 5432,
  redis: 6379,
};

export function ago(seconds: number): string {
  return new Date(NOW - seconds * 1000).toISOString();
}

function image(component: Component, tag: string): string {
  if (component === 'postgres') return 'postgres:17.6-alpine3.22';
  if (component === 'redis') return 'redis:7.4.6-alpine3.21';
  return `ghcr.io/evolution-todo/${RELEASE}-${component}:${tag}`;
}

function template(component: Component, tag: string, color?: Color) {
  return {
    metadata: { labels: selectorLabels(RELEASE, component, color) },
    spec: {
      containers: [
        {
          name: component,
          image: image(component, tag),
          resources: {
            requests: { cpu: '250m', memory: '256Mi' },
            limits: { cpu: '500m', memory: '512Mi' },
          },
        },
      ],
    },
  };
}

export interface DeploymentOptions {
  replicas?: number;
  updated?: number;
  ready?: number;
  available?: number;
  /** status.replicas: old and new pods together during a rollout. */
  total?: number;
  tag?: string;
  color?: Color;
  generation?: number;
  observedGeneration?: number;
  progressing?: Condition;
}

export function deployment(
  component: AppComponent | 'redis',
  o: DeploymentOptions = {},
): Deployment {
  const replicas = o.replicas ?? 3;
  const name = o.color
    ? coloredName(RELEASE, component, o.color)
    : componentName(RELEASE, component);
  const generation = o.generation ?? 2;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: NAMESPACE,
      uid: `uid-${name}`,
      generation,
      creationTimestamp: ago(86400),
      labels: commonLabels(ctx, component, o.color),
    },
    spec: {
      replicas,
      selector: { matchLabels: selectorLabels(RELEASE, component, o.color) },
      progressDeadlineSeconds: 600,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      },
      template: template(component, o.tag ?? '0.1.0', o.color),
    },
    status: {
      observedGeneration: o.observedGeneration ?? generation,
      replicas: o.total ?? replicas,
      updatedReplicas: o.updated ?? replicas,
      readyReplicas: o.ready ?? replicas,
      availableReplicas: o.available ?? o.ready ?? replicas,
      conditions: [
        {
          type: 'Available',
          status: (o.available ?? o.ready ?? replicas) > 0 ? 'True' : 'False',
          reason:
            (o.available ?? o.ready ?? replicas) > 0
              ? 'MinimumReplicasAvailable'
              : 'MinimumReplicasUnavailable',
        },
        o.progressing ?? {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${name}-5d8f7c9b6d" has successfully progressed.`,
        },
      ],
    },
  };
}

export function replicaSet(
  owner: Deployment,
  hash: string,
  replicas: number,
  tag = '0.1.0',
): ReplicaSet {
  const component = owner.metadata!.labels![LABELS.component] as Component;
  const color = owner.metadata!.labels![LABELS.color] as Color | undefined;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${owner.metadata!.name}-${hash}`,
      namespace: NAMESPACE,
      labels: {
        ...selectorLabels(RELEASE, component, color),
        'pod-template-hash': hash,
      },
      ownerReferences: [
        { kind: 'Deployment', name: owner.metadata!.name, controller: true },
      ],
    },
    spec: { replicas, template: template(component, tag, color) },
    status: { replicas, readyReplicas: replicas },
  };
}

export interface PodOptions {
  ready?: boolean;
  phase?: string;
  startedSecondsAgo?: number;
  restarts?: number;
  state?: ContainerStatus['state'];
  lastState?: ContainerStatus['lastState'];
  scheduled?: Condition;
  tag?: string;
  claim?: string;
}

function podObject(
  name: string,
  component: Component,
  owner: { kind: string; name: string },
  labels: Record<string, string>,
  o: PodOptions,
): Pod {
  const ready = o.ready ?? true;
  const started = ago(o.startedSecondsAgo ?? 3600);
  const phase = o.phase ?? 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: NAMESPACE,
      creationTimestamp: started,
      labels,
      ownerReferences: [{ ...owner, controller: true }],
    },
    spec: {
      containers: template(component, o.tag ?? '0.1.0').spec.containers,
      nodeName: phase === 'Pending' ? undefined : 'worker-1',
      volumes: o.claim
        ? [{ name: 'data', persistentVolumeClaim: { claimName: o.claim } }]
        : [],
    },
    status: {
      phase,
      startTime: started,
      conditions: [
        o.scheduled ?? { type: 'PodScheduled', status: 'True' },
        { type: 'Initialized', status: 'True' },
        {
          type: 'ContainersReady',
          status: ready ? 'True' : 'False',
        },
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          reason: ready ? undefined : 'ContainersNotReady',
          message: ready
            ? undefined
            : `containers with unready status: [${component}]`,
        },
      ],
      containerStatuses:
        phase === 'Pending' && !o.state
          ? undefined
          : [
              {
                name: component,
                image: image(component, o.tag ?? '0.1.0'),
                ready,
                started: ready,
                restartCount: o.restarts ?? 0,
                state: o.state ?? { running: { startedAt: started } },
                lastState: o.lastState ?? {},
              },
            ],
    },
  };
}

export function pod(rs: ReplicaSet, suffix: string, o: PodOptions = {}): Pod {
  const labels = rs.metadata!.labels!;
  return podObject(
    `${rs.metadata!.name}-${suffix}`,
    labels[LABELS.component] as Component,
    { kind: 'ReplicaSet', name: rs.metadata!.name! },
    labels,
    o,
  );
}

export function statefulSetPod(
  sts: StatefulSet,
  ordinal: number,
  o: PodOptions = {},
): Pod {
  return podObject(
    `${sts.metadata!.name}-${ordinal}`,
    'postgres',
    { kind: 'StatefulSet', name: sts.metadata!.name! },
    {
      ...selectorLabels(RELEASE, 'postgres'),
      'statefulset.kubernetes.io/pod-name': `${sts.metadata!.name}-${ordinal}`,
    },
    { claim: `data-${sts.metadata!.name}-${ordinal}`, ...o },
  );
}

export function postgres(o: { ready?: number } = {}): StatefulSet {
  const name = componentName(RELEASE, 'postgres');
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name,
      namespace: NAMESPACE,
      generation: 1,
      labels: commonLabels(ctx, 'postgres'),
    },
    spec: {
      replicas: 1,
      serviceName: `${name}-headless`,
      selector: { matchLabels: selectorLabels(RELEASE, 'postgres') },
      updateStrategy: { type: 'RollingUpdate' },
      template: template('postgres', '17'),
      volumeClaimTemplates: [
        { metadata: { name: 'data', labels: commonLabels(ctx, 'postgres') } },
      ],
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      readyReplicas: o.ready ?? 1,
      availableReplicas: o.ready ?? 1,
      currentReplicas: 1,
      updatedReplicas: 1,
      currentRevision: `${name}-7b9c6d5f4`,
      updateRevision: `${name}-7b9c6d5f4`,
    },
  };
}

export function pvc(
  name: string,
  phase: 'Bound' | 'Pending' | 'Lost' = 'Bound',
): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: NAMESPACE,
      labels: selectorLabels(RELEASE, 'postgres'),
    },
    spec: {
      storageClassName: 'standard',
      resources: { requests: { storage: '10Gi' } },
    },
    status:
      phase === 'Bound' ? { phase, capacity: { storage: '10Gi' } } : { phase },
  };
}

export interface HpaOptions {
  min?: number;
  max?: number;
  current?: number;
  desired?: number;
  cpu?: [current: number, target: number];
  memory?: [current: number, target: number];
  conditions?: Condition[];
}

export function hpa(
  target: Deployment,
  o: HpaOptions = {},
): HorizontalPodAutoscaler {
  const component = target.metadata!.labels![LABELS.component] as Component;
  const cpu = o.cpu ?? [45, 70];
  const metrics = [
    {
      type: 'Resource',
      resource: {
        name: 'cpu',
        target: { type: 'Utilization', averageUtilization: cpu[1] },
      },
    },
    ...(o.memory
      ? [
          {
            type: 'Resource',
            resource: {
              name: 'memory',
              target: { type: 'Utilization', averageUtilization: o.memory[1] },
            },
          },
        ]
      : []),
  ];
  const currentMetrics = [
    {
      type: 'Resource',
      resource: {
        name: 'cpu',
        current: { averageUtilization: cpu[0], averageValue: '112m' },
      },
    },
    ...(o.memory
      ? [
          {
            type: 'Resource',
            resource: {
              name: 'memory',
              current: {
                averageUtilization: o.memory[0],
                averageValue: '200Mi',
              },
            },
          },
        ]
      : []),
  ];
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: componentName(RELEASE, component),
      namespace: NAMESPACE,
      labels: commonLabels(ctx, component),
    },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: target.metadata!.name,
      },
      minReplicas: o.min ?? 2,
      maxReplicas: o.max ?? 10,
      metrics,
    },
    status: {
      currentReplicas: o.current ?? 3,
      desiredReplicas: o.desired ?? o.current ?? 3,
      currentMetrics,
      conditions: o.conditions ?? [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingActive',
          status: 'True',
          reason: 'ValidMetricFound',
          message:
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        },
        {
          type: 'ScalingLimited',
          status: 'False',
          reason: 'DesiredWithinRange',
          message: 'the desired count is within the acceptable range',
        },
      ],
    },
  };
}

export function service(component: Component, color?: Color): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: componentName(RELEASE, component),
      namespace: NAMESPACE,
      labels: commonLabels(ctx, component),
    },
    spec: {
      selector: selectorLabels(RELEASE, component, color),
      ports: [{ name: 'http', port: PORTS[component], targetPort: 'http' }],
    },
  };
}

export function event(
  kind: string,
  name: string,
  reason: string,
  message: string,
  o: { type?: 'Warning' | 'Normal'; secondsAgo?: number; count?: number } = {},
): KubeEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${reason.toLowerCase()}`, namespace: NAMESPACE },
    involvedObject: { kind, name, namespace: NAMESPACE },
    type: o.type ?? 'Warning',
    reason,
    message,
    count: o.count ?? 1,
    firstTimestamp: ago((o.secondsAgo ?? 60) + 600),
    lastTimestamp: ago(o.secondsAgo ?? 60),
  };
}

export const POD_SUFFIXES = [
  'x7k2p',
  'q9m4t',
  'b3n8w',
  'h5r1z',
  'c6v2d',
  'm8j4s',
  'w2g7f',
  'k4t9n',
  'p1d6q',
  'z3s5b',
];

/** A Deployment with its current ReplicaSet and ready pods. */
export function rolledOut(
  component: AppComponent | 'redis',
  o: DeploymentOptions & { hash?: string } = {},
) {
  const d = deployment(component, o);
  const rs = replicaSet(d, o.hash ?? '5d8f7c9b6d', d.spec!.replicas!, o.tag);
  const pods = Array.from({ length: o.ready ?? d.spec!.replicas! }, (_, i) =>
    pod(rs, POD_SUFFIXES[i % POD_SUFFIXES.length], { tag: o.tag }),
  );
  return { deployment: d, replicaSet: rs, pods };
}

/** The whole release, everything running: what `helm install` gives after a minute. */
export function healthyRelease(): ClusterSnapshot {
  const frontend = rolledOut('frontend');
  const backend = rolledOut('backend');
  const mcp = rolledOut('mcp', { replicas: 2 });
  const redis = rolledOut('redis', { replicas: 1 });
  const db = postgres();
  return {
    cluster: 'local',
    deployments: [
      frontend.deployment,
      backend.deployment,
      mcp.deployment,
      redis.deployment,
    ],
    replicaSets: [
      frontend.replicaSet,
      backend.replicaSet,
      mcp.replicaSet,
      redis.replicaSet,
    ],
    statefulSets: [db],
    pods: [
      ...frontend.pods,
      ...backend.pods,
      ...mcp.pods,
      ...redis.pods,
      statefulSetPod(db, 0),
    ],
    horizontalPodAutoscalers: [hpa(backend.deployment)],
    persistentVolumeClaims: [pvc('data-todo-postgres-0')],
    services: [
      service('frontend'),
      service('backend'),
      service('mcp'),
      service('redis'),
      service('postgres'),
    ],
    events: [],
  };
}
