/**
 * TEST DOUBLE. The Kubernetes objects of one evolution-todo release as the
 * chart renders them (names, labels, selectors, ports, probes' paths, HPA,
 * StatefulSet with a volumeClaimTemplate), plus the status a healthy cluster
 * reports a while after `helm install`. Scenarios (scenarios.ts) then break it.
 *
 * Names and labels come from the common package's naming helpers and the
 * numbers from the parameter schema's defaults, like the chart's.
 */
import {
  commonLabels,
  componentName,
  coloredName,
  COMPONENT_PORTS,
  HEALTH_ENDPOINTS,
  headlessServiceName,
  parseDeploymentParameters,
  selectorLabels,
  type AppComponent,
  type Color,
  type Component,
  type DeploymentSpec,
  type Deployment,
  type HorizontalPodAutoscaler,
  type KubeEvent,
  type PersistentVolumeClaim,
  type Pod,
  type ReplicaSet,
  type Service,
  type StatefulSet,
} from '@evolution-todo/plugin-evolution-todo-common';

/** What the app itself answers on a health path (when a pod backs its Service). */
export interface AppAnswer {
  status: number;
  body: unknown;
}

export interface Stack {
  release: string;
  namespace: string;
  deployments: Deployment[];
  replicaSets: ReplicaSet[];
  statefulSets: StatefulSet[];
  pods: Pod[];
  services: Service[];
  horizontalPodAutoscalers: HorizontalPodAutoscaler[];
  persistentVolumeClaims: PersistentVolumeClaim[];
  events: KubeEvent[];
  /** `<component> <path>` → the app's answer. */
  answers: Map<string, AppAnswer>;
}

export interface StackOptions {
  release: string;
  namespace: string;
  now: number;
  /** Extra template parameters, e.g. `{ rollout: { strategy: 'blue-green' } }`. */
  parameters?: Record<string, unknown>;
}

/** The name of a component's container port (and its Service port). */
function portName(component: Component): string {
  if (component === 'postgres') return 'tcp-postgres';
  if (component === 'redis') return 'tcp-redis';
  return 'http';
}

const SUFFIXES = [
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
  'f6h2j',
  'n9c4x',
];
const HASHES: Record<string, string> = {
  frontend: '6b7f9c5d48',
  backend: '5d8f7c9b6d',
  mcp: '7c4d8b6f95',
  redis: '66f9d7c8b4',
};

export class StackBuilder {
  readonly spec: DeploymentSpec;
  readonly stack: Stack;
  private readonly now: number;
  private podIp = 10;

  constructor(options: StackOptions) {
    this.now = options.now;
    this.spec = parseDeploymentParameters({
      name: options.release,
      namespace: options.namespace,
      ...options.parameters,
    });
    this.stack = {
      release: options.release,
      namespace: options.namespace,
      deployments: [],
      replicaSets: [],
      statefulSets: [],
      pods: [],
      services: [],
      horizontalPodAutoscalers: [],
      persistentVolumeClaims: [],
      events: [],
      answers: new Map(),
    };
  }

  ago(seconds: number): string {
    return new Date(this.now - seconds * 1000).toISOString();
  }

  labels(component: Component, color?: Color): Record<string, string> {
    return commonLabels(
      {
        release: this.stack.release,
        version: this.spec.imageTag,
        chartVersion: this.spec.chartVersion,
      },
      component,
      color,
    );
  }

  private meta(name: string, component: Component, color?: Color) {
    return {
      name,
      namespace: this.stack.namespace,
      uid: `${name}-uid`,
      creationTimestamp: this.ago(3 * 86400),
      labels: this.labels(component, color),
      annotations: {
        'meta.helm.sh/release-name': this.stack.release,
        'meta.helm.sh/release-namespace': this.stack.namespace,
      },
    };
  }

  image(component: Component, tag?: string): string {
    const image = this.spec.images[component];
    return tag ? image.replace(/:[^:/]+$/, `:${tag}`) : image;
  }

  private container(component: Component, tag?: string) {
    const resources =
      component === 'postgres' || component === 'redis'
        ? this.spec[component].resources
        : this.spec[component as AppComponent].resources;
    return {
      name: component,
      image: this.image(component, tag),
      ports: [
        {
          name: portName(component),
          containerPort: COMPONENT_PORTS[component],
          protocol: 'TCP',
        },
      ],
      resources,
    };
  }

  template(component: Component, color?: Color, tag?: string) {
    return {
      metadata: { labels: this.labels(component, color) },
      spec: { containers: [this.container(component, tag)] },
    };
  }

  /** What a healthy cluster runs: an HPA keeps a little above its minimum. */
  private defaultReplicas(component: AppComponent | 'redis'): number {
    if (component === 'redis') return 1;
    const { autoscaling, replicas } = this.spec[component];
    return autoscaling.enabled ? autoscaling.minReplicas + 1 : replicas;
  }

  /** An app Deployment, rolled out, with its ReplicaSet and ready pods. */
  appDeployment(
    component: AppComponent | 'redis',
    options: { color?: Color; replicas?: number; tag?: string } = {},
  ) {
    const { release } = this.stack;
    const name = options.color
      ? coloredName(release, component, options.color)
      : componentName(release, component);
    const replicas = options.replicas ?? this.defaultReplicas(component);
    const deployment: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        ...this.meta(name, component, options.color),
        generation: 2,
        annotations: { 'deployment.kubernetes.io/revision': '2' },
      },
      spec: {
        replicas,
        selector: {
          matchLabels: selectorLabels(release, component, options.color),
        },
        progressDeadlineSeconds: 600,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
        },
        template: this.template(component, options.color, options.tag),
      },
      status: {
        observedGeneration: 2,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
            lastTransitionTime: this.ago(3 * 86400),
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${name}-${HASHES[component]}" has successfully progressed.`,
            lastTransitionTime: this.ago(3 * 86400),
          },
        ],
      },
    };
    if (replicas === 0) {
      deployment.status = {
        observedGeneration: 2,
        conditions: deployment.status!.conditions,
      };
    }
    this.stack.deployments.push(deployment);
    const replicaSet = this.replicaSet(
      deployment,
      HASHES[component],
      replicas,
      options.tag,
    );
    for (let i = 0; i < replicas; i++)
      this.pod(replicaSet, { ageSeconds: 2 * 86400 - i * 60 });
    return { deployment, replicaSet };
  }

  replicaSet(
    deployment: Deployment,
    hash: string,
    replicas: number,
    tag?: string,
  ): ReplicaSet {
    const labels = deployment.spec!.template!.metadata!.labels!;
    const component = labels['app.kubernetes.io/component'] as Component;
    const color = labels['evolution-todo.dev/color'] as Color | undefined;
    const name = `${deployment.metadata!.name}-${hash}`;
    const replicaSet: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: this.stack.namespace,
        uid: `${name}-uid`,
        creationTimestamp: this.ago(2 * 86400),
        labels: { ...this.labels(component, color), 'pod-template-hash': hash },
        ownerReferences: [
          {
            kind: 'Deployment',
            name: deployment.metadata!.name,
            uid: deployment.metadata!.uid,
            controller: true,
          },
        ],
      },
      spec: { replicas, template: this.template(component, color, tag) },
      status: { replicas, readyReplicas: replicas },
    };
    this.stack.replicaSets.push(replicaSet);
    return replicaSet;
  }

  /** A running, ready pod of a ReplicaSet or StatefulSet. */
  pod(
    owner: ReplicaSet | StatefulSet,
    options: { ageSeconds?: number; ordinal?: number } = {},
  ): Pod {
    const ownerLabels = owner.metadata!.labels!;
    const component = ownerLabels['app.kubernetes.io/component'] as Component;
    const color = ownerLabels['evolution-todo.dev/color'] as Color | undefined;
    const isStatefulSet = owner.kind === 'StatefulSet';
    const siblings = this.stack.pods.filter(
      p => p.metadata?.ownerReferences?.[0]?.name === owner.metadata?.name,
    ).length;
    const name = isStatefulSet
      ? `${owner.metadata!.name}-${options.ordinal ?? siblings}`
      : `${owner.metadata!.name}-${SUFFIXES[siblings % SUFFIXES.length]}`;
    const started = this.ago(options.ageSeconds ?? 2 * 86400);
    const container = owner.spec!.template!.spec!.containers![0];
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: this.stack.namespace,
        uid: `${name}-uid`,
        creationTimestamp: started,
        labels: {
          ...this.labels(component, color),
          ...(isStatefulSet
            ? {
                'statefulset.kubernetes.io/pod-name': name,
                'apps.kubernetes.io/pod-index': String(
                  options.ordinal ?? siblings,
                ),
              }
            : { 'pod-template-hash': ownerLabels['pod-template-hash'] }),
        },
        ownerReferences: [
          {
            kind: owner.kind,
            name: owner.metadata!.name,
            uid: owner.metadata!.uid,
            controller: true,
          },
        ],
      },
      spec: {
        nodeName: `kind-worker${(this.podIp % 2) + 1 === 1 ? '' : '2'}`,
        containers: [container],
        volumes: isStatefulSet
          ? [
              {
                name: 'data',
                persistentVolumeClaim: { claimName: `data-${name}` },
              },
            ]
          : [],
      },
      status: {
        phase: 'Running',
        podIP: `10.244.${(this.podIp % 2) + 1}.${this.podIp++}`,
        startTime: started,
        conditions: [
          {
            type: 'PodReadyToStartContainers',
            status: 'True',
            lastTransitionTime: started,
          },
          { type: 'Initialized', status: 'True', lastTransitionTime: started },
          { type: 'Ready', status: 'True', lastTransitionTime: started },
          {
            type: 'ContainersReady',
            status: 'True',
            lastTransitionTime: started,
          },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: started },
        ],
        containerStatuses: [
          {
            name: container.name,
            image: container.image,
            ready: true,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: started } },
            lastState: {},
          },
        ],
      },
    } as Pod;
    this.stack.pods.push(pod);
    return pod;
  }

  postgres() {
    const { release } = this.stack;
    const name = componentName(release, 'postgres');
    const statefulSet: StatefulSet = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { ...this.meta(name, 'postgres'), generation: 1 },
      spec: {
        serviceName: headlessServiceName(release),
        replicas: 1,
        selector: { matchLabels: selectorLabels(release, 'postgres') },
        updateStrategy: { type: 'RollingUpdate' },
        template: this.template('postgres'),
        volumeClaimTemplates: [
          { metadata: { name: 'data', labels: this.labels('postgres') } },
        ],
      },
      status: {
        observedGeneration: 1,
        replicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        currentReplicas: 1,
        updatedReplicas: 1,
        currentRevision: `${name}-7b9c6d5f4`,
        updateRevision: `${name}-7b9c6d5f4`,
      },
    };
    this.stack.statefulSets.push(statefulSet);
    this.pod(statefulSet, { ordinal: 0 });
    this.stack.persistentVolumeClaims.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { ...this.meta(`data-${name}-0`, 'postgres') },
      spec: {
        storageClassName: this.spec.postgres.storageClass || 'standard',
        resources: { requests: { storage: this.spec.postgres.storage } },
      },
      status: {
        phase: 'Bound',
        capacity: { storage: this.spec.postgres.storage },
      },
    });
    return statefulSet;
  }

  service(
    component: Component,
    options: { color?: Color; name?: string; headless?: boolean } = {},
  ) {
    const { release } = this.stack;
    const port = portName(component);
    this.stack.services.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: this.meta(
        options.name ?? componentName(release, component),
        component,
      ),
      spec: {
        selector: selectorLabels(release, component, options.color),
        clusterIP: options.headless
          ? 'None'
          : `10.96.${COMPONENT_PORTS[component] % 200}.${
              component.length * 10
            }`,
        ports: [
          {
            name: port,
            port: COMPONENT_PORTS[component],
            targetPort: port,
          },
        ],
      },
    });
  }

  hpa(
    component: AppComponent,
    target: Deployment,
    status: { current: number; desired?: number; cpu: number; memory?: number },
  ) {
    const autoscaling = this.spec[component].autoscaling;
    const hpa: HorizontalPodAutoscaler = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: this.meta(
        componentName(this.stack.release, component),
        component,
      ),
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: target.metadata!.name,
        },
        minReplicas: autoscaling.minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: {
                type: 'Utilization',
                averageUtilization: autoscaling.targetCPUUtilizationPercentage,
              },
            },
          },
          ...(autoscaling.targetMemoryUtilizationPercentage
            ? [
                {
                  type: 'Resource',
                  resource: {
                    name: 'memory',
                    target: {
                      type: 'Utilization',
                      averageUtilization:
                        autoscaling.targetMemoryUtilizationPercentage,
                    },
                  },
                },
              ]
            : []),
        ],
      },
      status: {
        currentReplicas: status.current,
        desiredReplicas: status.desired ?? status.current,
        lastScaleTime: this.ago(3600),
        currentMetrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              current: {
                averageUtilization: status.cpu,
                averageValue: `${Math.round(2.5 * status.cpu)}m`,
              },
            },
          },
          ...(autoscaling.targetMemoryUtilizationPercentage
            ? [
                {
                  type: 'Resource',
                  resource: {
                    name: 'memory',
                    current: {
                      averageUtilization: status.memory ?? 55,
                      averageValue: '141Mi',
                    },
                  },
                },
              ]
            : []),
        ],
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
      },
    };
    this.stack.horizontalPodAutoscalers.push(hpa);
    return hpa;
  }

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
    const last = this.ago(options.secondsAgo ?? 30);
    this.stack.events.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${name}.${(this.stack.events.length + 0x17a3c5d).toString(16)}`,
        namespace: this.stack.namespace,
        creationTimestamp: this.ago((options.secondsAgo ?? 30) + 900),
      },
      involvedObject: {
        kind,
        name,
        namespace: this.stack.namespace,
        apiVersion:
          kind === 'Pod' || kind === 'PersistentVolumeClaim' ? 'v1' : 'apps/v1',
      },
      type: options.type ?? 'Warning',
      reason,
      message,
      count: options.count ?? 1,
      firstTimestamp: this.ago((options.secondsAgo ?? 30) + 900),
      lastTimestamp: last,
      source: {
        component:
          kind === 'Pod' ? 'kubelet' : `${kind.toLowerCase()}-controller`,
      },
    } as KubeEvent);
  }

  /** The app answers healthy on every health path. */
  answerHealthy(component: AppComponent) {
    for (const { path, probe } of HEALTH_ENDPOINTS[component]) {
      this.stack.answers.set(`${component} ${path}`, {
        status: 200,
        body:
          component === 'backend' && probe === 'readiness'
            ? { status: 'ok', database: 'ok' }
            : { status: 'ok' },
      });
    }
  }
}

/** The healthy release: every component running, the backend autoscaled (its default). */
export function buildHealthyStack(options: StackOptions): StackBuilder {
  const b = new StackBuilder(options);
  const blueGreen = b.spec.rollout.strategy === 'blue-green';
  for (const component of ['frontend', 'backend', 'mcp'] as const) {
    if (blueGreen) {
      const active = b.spec.rollout.activeColor;
      for (const color of ['blue', 'green'] as const) {
        const { deployment } = b.appDeployment(component, {
          color,
          replicas: color === active ? undefined : 0,
        });
        if (color === active && b.spec[component].autoscaling.enabled) {
          b.hpa(component, deployment, {
            current: deployment.spec!.replicas!,
            cpu: 41,
          });
        }
      }
      b.service(component, { color: active });
    } else {
      const { deployment } = b.appDeployment(component);
      if (b.spec[component].autoscaling.enabled) {
        b.hpa(component, deployment, {
          current: deployment.spec!.replicas!,
          cpu: 41,
        });
      }
      b.service(component);
    }
    b.answerHealthy(component);
  }
  b.postgres();
  b.service('postgres');
  b.service('postgres', {
    name: headlessServiceName(b.stack.release),
    headless: true,
  });
  if (b.spec.redis.enabled) {
    b.appDeployment('redis');
    b.service('redis');
  }
  return b;
}
