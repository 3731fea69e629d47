/**
 * TEST DOUBLE. Named situations of the simulated cluster, each the healthy
 * release with one realistic fault, as a cluster would report it.
 */
import {
  componentName,
  type Deployment,
  type Pod,
  type ReplicaSet,
} from '@evolution-todo/plugin-evolution-todo-common';
import {
  buildHealthyStack,
  StackBuilder,
  type Stack,
  type StackOptions,
} from './stack';

export const SCENARIOS = {
  healthy: 'every workload rolled out and ready; live checks pass',
  'failing-readiness':
    'the backend cannot reach its database: one pod fails its readiness probe and /readiness answers 503',
  'backend-down':
    'every backend pod crash-loops; nothing answers behind the Service',
  'rolling-update':
    'the backend is rolling out 0.2.0: one new pod up, three old ones still serving',
  'stalled-rollout':
    'the backend rollout of 0.2.1 stalled: the new image cannot be pulled (ProgressDeadlineExceeded)',
  'hpa-saturated':
    'the backend HPA is at its maximum of 10 replicas with CPU at 135% of the 70% target',
  'crash-loop': 'one of the two MCP pods is in CrashLoopBackOff',
  'oom-killed': 'a backend pod was OOMKilled two minutes ago and restarted',
  'postgres-pvc-pending':
    'the PostgreSQL volume cannot be provisioned: PVC Pending, pod unschedulable',
  'blue-green-half-switched':
    'blue-green: the frontend serves green while backend and MCP still serve blue',
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

export function isScenarioName(value: unknown): value is ScenarioName {
  return (
    typeof value === 'string' &&
    Object.prototype.hasOwnProperty.call(SCENARIOS, value)
  );
}

function find<T extends { metadata?: { name?: string } }>(
  list: T[],
  name: string,
): T {
  const found = list.find(o => o.metadata?.name === name);
  if (!found) throw new Error(`simulated cluster: no ${name}`);
  return found;
}

function podsOf(stack: Stack, owner: string): Pod[] {
  return stack.pods.filter(
    p => p.metadata?.ownerReferences?.[0]?.name === owner,
  );
}

function setReady(pod: Pod, ready: boolean) {
  for (const c of pod.status!.conditions!) {
    if (c.type === 'Ready' || c.type === 'ContainersReady') {
      c.status = ready ? 'True' : 'False';
      if (!ready) {
        c.reason = 'ContainersNotReady';
        c.message = `containers with unready status: [${
          pod.spec!.containers![0].name
        }]`;
      }
    }
  }
  pod.status!.containerStatuses![0].ready = ready;
}

function setAvailability(deployment: Deployment, ready: number) {
  const status = deployment.status!;
  status.readyReplicas = ready;
  status.availableReplicas = ready;
  status.unavailableReplicas = (deployment.spec!.replicas ?? 1) - ready;
  if (ready === 0) {
    status.conditions![0] = {
      type: 'Available',
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
    };
  }
}

/** A new ReplicaSet for `tag` next to the current one, as a rolling update creates it. */
function startRollout(
  b: StackBuilder,
  deployment: Deployment,
  hash: string,
  tag: string,
  newPods: number,
): ReplicaSet {
  deployment.metadata!.generation = 3;
  deployment.status!.observedGeneration = 3;
  deployment.spec!.template = b.template('backend', undefined, tag);
  const rs = b.replicaSet(deployment, hash, newPods, tag);
  rs.metadata!.creationTimestamp = b.ago(120);
  return rs;
}

const SCENARIO_BUILDERS: Record<
  ScenarioName,
  (options: StackOptions) => StackBuilder
> = {
  healthy: options => buildHealthyStack(options),

  'failing-readiness': options => {
    const b = buildHealthyStack(options);
    const name = componentName(b.stack.release, 'backend');
    const deployment = find(b.stack.deployments, name);
    const pods = podsOf(b.stack, `${name}-5d8f7c9b6d`);
    const failing = pods[pods.length - 1];
    setReady(failing, false);
    setAvailability(deployment, pods.length - 1);
    b.event(
      'Pod',
      failing.metadata!.name!,
      'Unhealthy',
      'Readiness probe failed: HTTP probe failed with statuscode: 503',
      { count: 14, secondsAgo: 4 },
    );
    b.stack.answers.set('backend /readiness', {
      status: 503,
      body: { status: 'unavailable', database: 'unreachable' },
    });
    return b;
  },

  'backend-down': options => {
    const b = buildHealthyStack(options);
    const name = componentName(b.stack.release, 'backend');
    setAvailability(find(b.stack.deployments, name), 0);
    for (const pod of podsOf(b.stack, `${name}-5d8f7c9b6d`)) {
      setReady(pod, false);
      const status = pod.status!.containerStatuses![0];
      status.restartCount = 6;
      status.state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 2m40s restarting failed container=backend pod=${
            pod.metadata!.name
          }`,
        },
      };
      status.lastState = {
        terminated: {
          reason: 'Error',
          exitCode: 1,
          message:
            'sqlalchemy.exc.OperationalError: connection to server failed: Connection refused',
          finishedAt: b.ago(50),
        },
      };
      b.event(
        'Pod',
        pod.metadata!.name!,
        'BackOff',
        'Back-off restarting failed container backend in pod',
        { count: 31, secondsAgo: 10 },
      );
    }
    for (const path of ['/health', '/readiness'])
      b.stack.answers.delete(`backend ${path}`);
    return b;
  },

  'rolling-update': options => {
    const b = buildHealthyStack(options);
    const name = componentName(b.stack.release, 'backend');
    const deployment = find(b.stack.deployments, name);
    const replicas = deployment.spec!.replicas!;
    const rs = startRollout(b, deployment, '84c7d9f6b5', '0.2.0', 1);
    const pod = b.pod(rs, { ageSeconds: 15 });
    setReady(pod, false); // just started; the readiness probe has not passed yet
    Object.assign(deployment.status!, {
      replicas: replicas + 1,
      updatedReplicas: 1,
    });
    deployment.status!.conditions![1] = {
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${rs.metadata!.name}" is progressing.`,
    };
    return b;
  },

  'stalled-rollout': options => {
    const b = buildHealthyStack(options);
    const name = componentName(b.stack.release, 'backend');
    const deployment = find(b.stack.deployments, name);
    const replicas = deployment.spec!.replicas!;
    const rs = startRollout(b, deployment, '6c4b8f9d7', '0.2.1', 1);
    const pod = b.pod(rs, { ageSeconds: 700 });
    setReady(pod, false);
    pod.status!.phase = 'Pending';
    pod.status!.containerStatuses![0].state = {
      waiting: {
        reason: 'ImagePullBackOff',
        message: `Back-off pulling image "${b.image('backend', '0.2.1')}"`,
      },
    };
    b.event(
      'Pod',
      pod.metadata!.name!,
      'Failed',
      `Failed to pull image "${b.image('backend', '0.2.1')}": not found`,
      { count: 27, secondsAgo: 20 },
    );
    Object.assign(deployment.status!, {
      replicas: replicas + 1,
      updatedReplicas: 1,
      unavailableReplicas: 1,
    });
    deployment.status!.conditions![1] = {
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rs.metadata!.name}" has timed out progressing.`,
    };
    return b;
  },

  'hpa-saturated': options => {
    const b = buildHealthyStack(options);
    const name = componentName(b.stack.release, 'backend');
    const deployment = find(b.stack.deployments, name);
    const max = b.spec.backend.autoscaling.maxReplicas;
    const rs = find(b.stack.replicaSets, `${name}-5d8f7c9b6d`);
    for (let i = podsOf(b.stack, rs.metadata!.name!).length; i < max; i++)
      b.pod(rs, { ageSeconds: 600 - i * 30 });
    deployment.spec!.replicas = max;
    Object.assign(deployment.status!, {
      replicas: max,
      updatedReplicas: max,
      readyReplicas: max,
      availableReplicas: max,
    });
    const hpa = find(b.stack.horizontalPodAutoscalers, name);
    Object.assign(hpa.status!, {
      currentReplicas: max,
      desiredReplicas: max,
      currentMetrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            current: { averageUtilization: 135, averageValue: '338m' },
          },
        },
      ],
    });
    hpa.status!.conditions![2] = {
      type: 'ScalingLimited',
      status: 'True',
      reason: 'TooManyReplicas',
      message:
        'the desired replica count is more than the maximum replica count',
    };
    return b;
  },

  'crash-loop': options => {
    const b = buildHealthyStack(options);
    const name = componentName(b.stack.release, 'mcp');
    const [pod] = podsOf(b.stack, `${name}-7c4d8b6f95`);
    setReady(pod, false);
    Object.assign(pod.status!.containerStatuses![0], {
      restartCount: 9,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=mcp pod=${
            pod.metadata!.name
          }`,
        },
      },
      lastState: {
        terminated: {
          reason: 'Error',
          exitCode: 1,
          message: 'ModuleNotFoundError: No module named "fastmcp"',
          finishedAt: b.ago(40),
        },
      },
    });
    setAvailability(find(b.stack.deployments, name), 1);
    b.event(
      'Pod',
      pod.metadata!.name!,
      'BackOff',
      'Back-off restarting failed container mcp in pod',
      { count: 44, secondsAgo: 8 },
    );
    return b;
  },

  'oom-killed': options => {
    const b = buildHealthyStack(options);
    const name = componentName(b.stack.release, 'backend');
    const [pod] = podsOf(b.stack, `${name}-5d8f7c9b6d`);
    Object.assign(pod.status!.containerStatuses![0], {
      restartCount: 1,
      state: { running: { startedAt: b.ago(110) } },
      lastState: {
        terminated: {
          reason: 'OOMKilled',
          exitCode: 137,
          finishedAt: b.ago(120),
        },
      },
    });
    return b;
  },

  'postgres-pvc-pending': options => {
    const b = buildHealthyStack(options);
    const sts = b.stack.statefulSets[0];
    Object.assign(sts.status!, { readyReplicas: 0, availableReplicas: 0 });
    const pvc = b.stack.persistentVolumeClaims[0];
    pvc.spec!.storageClassName = 'fast-ssd';
    pvc.status = { phase: 'Pending' };
    const [pod] = podsOf(b.stack, sts.metadata!.name!);
    setReady(pod, false);
    pod.status = {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message:
            '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
        },
      ],
    };
    b.event(
      'PersistentVolumeClaim',
      pvc.metadata!.name!,
      'ProvisioningFailed',
      'storageclass.storage.k8s.io "fast-ssd" not found',
      { count: 22, secondsAgo: 15 },
    );
    b.event(
      'Pod',
      pod.metadata!.name!,
      'FailedScheduling',
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
      { count: 8, secondsAgo: 25 },
    );
    return b;
  },

  'blue-green-half-switched': options => {
    const b = buildHealthyStack({
      ...options,
      parameters: { rollout: { strategy: 'blue-green', activeColor: 'blue' } },
    });
    // The frontend was switched to green (and green scaled up); backend and mcp were not yet.
    const release = b.stack.release;
    const green = find(b.stack.deployments, `${release}-frontend-green`);
    const blue = find(b.stack.deployments, `${release}-frontend-blue`);
    b.stack.deployments = b.stack.deployments.filter(d => d !== green);
    b.stack.replicaSets = b.stack.replicaSets.filter(
      rs => rs.metadata?.ownerReferences?.[0]?.name !== green.metadata!.name,
    );
    const { deployment } = b.appDeployment('frontend', {
      color: 'green',
      replicas: blue.spec!.replicas,
      tag: '0.2.0',
    });
    deployment.metadata!.creationTimestamp = blue.metadata!.creationTimestamp;
    const service = find(b.stack.services, `${release}-frontend`);
    service.spec!.selector!['evolution-todo.dev/color'] = 'green';
    return b;
  },
};

export function buildScenario(
  name: ScenarioName,
  options: StackOptions,
): Stack {
  return SCENARIO_BUILDERS[name](options).stack;
}
