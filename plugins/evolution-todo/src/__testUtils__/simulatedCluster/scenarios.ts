/**
 * TEST DOUBLE. Named situations of the simulated cluster, each the healthy
 * release (as the renderer renders it) with one realistic fault, made by the
 * ReleaseSimulator's controllers and faults.
 */
import { SimulatedStack, type Stack, type StackOptions } from './stack';

export const SCENARIOS = {
  healthy: 'every workload rolled out and ready; live checks pass',
  'failing-readiness':
    'the backend cannot reach its database: one pod fails its readiness probe and /readiness answers 503',
  'backend-down':
    'every backend pod crash-loops; nothing answers behind the Service',
  'rolling-update':
    'the backend is rolling out 0.2.0: one new pod starting, three old ones still serving',
  'paused-rollout':
    'the backend rollout of 0.2.0 was paused after one new pod (kubectl rollout pause)',
  'stalled-rollout':
    'the backend rollout of 0.2.1 stalled: the new image cannot be pulled (ProgressDeadlineExceeded)',
  'backend-deleting':
    'the backend Deployment is being deleted (foreground deletion, pods still serving)',
  'hpa-saturated':
    'the backend HPA is at its maximum of 10 replicas with CPU at 135% of the 70% target',
  'hpa-memory-without-requests':
    'the backend HPA has a memory target, but its pods request no memory (FailedGetResourceMetric)',
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

const SCENARIO_BUILDERS: Record<
  ScenarioName,
  (options: StackOptions) => SimulatedStack
> = {
  healthy: options => new SimulatedStack(options),

  'failing-readiness': options => {
    const s = new SimulatedStack(options);
    const pods = s.release.podsOf('backend');
    const failing = s.release.failPod('backend', pods.length - 1, {
      type: 'NotReady',
    });
    s.release.event(
      'Pod',
      failing.metadata!.name!,
      'Unhealthy',
      'Readiness probe failed: HTTP probe failed with statuscode: 503',
      { count: 14, secondsAgo: 4 },
    );
    s.answers.set('backend /readiness', {
      status: 503,
      body: { status: 'unavailable', database: 'unreachable' },
    });
    return s;
  },

  'backend-down': options => {
    const s = new SimulatedStack(options);
    s.release.podsOf('backend').forEach((pod, index) => {
      s.release.failPod('backend', index, {
        type: 'CrashLoopBackOff',
        lastMessage:
          'sqlalchemy.exc.OperationalError: connection to server failed: Connection refused',
      });
      s.release.event(
        'Pod',
        pod.metadata!.name!,
        'BackOff',
        'Back-off restarting failed container backend in pod',
        { count: 31, secondsAgo: 10 },
      );
    });
    for (const path of ['/health', '/readiness'])
      s.answers.delete(`backend ${path}`);
    return s;
  },

  'rolling-update': options => {
    const s = new SimulatedStack(options);
    s.release.rollout('backend', { tag: '0.2.0', updated: 1, ready: 0 });
    return s;
  },

  'paused-rollout': options => {
    const s = new SimulatedStack(options);
    s.release
      .rollout('backend', {
        tag: '0.2.0',
        updated: 1,
        ready: 1,
        ageSeconds: 300,
      })
      .pause('backend');
    return s;
  },

  'stalled-rollout': options => {
    const s = new SimulatedStack(options);
    s.release.rollout('backend', {
      tag: '0.2.1',
      updated: 1,
      stalled: true,
      ageSeconds: 700,
    });
    const [pod] = s.release.podsOf('backend');
    s.release.event(
      'Pod',
      pod.metadata!.name!,
      'Failed',
      `Failed to pull image "${pod.spec!.containers![0].image}": not found`,
      { count: 27, secondsAgo: 20 },
    );
    return s;
  },

  'backend-deleting': options => {
    const s = new SimulatedStack(options);
    s.release.delete('backend', 45);
    return s;
  },

  'hpa-saturated': options => {
    const s = new SimulatedStack(options);
    const max = s.release.hpa('backend').spec!.maxReplicas!;
    s.release.setHpa('backend', { current: max, cpu: 135 });
    return s;
  },

  'hpa-memory-without-requests': options => {
    const s = new SimulatedStack(options);
    s.release.setHpa('backend', { fault: 'FailedGetResourceMetric' });
    return s;
  },

  'crash-loop': options => {
    const s = new SimulatedStack(options);
    const pod = s.release.failPod('mcp', 0, {
      type: 'CrashLoopBackOff',
      restarts: 9,
      lastMessage: 'ModuleNotFoundError: No module named "fastmcp"',
    });
    s.release.event(
      'Pod',
      pod.metadata!.name!,
      'BackOff',
      'Back-off restarting failed container mcp in pod',
      { count: 44, secondsAgo: 8 },
    );
    return s;
  },

  'oom-killed': options => {
    const s = new SimulatedStack(options);
    s.release.failPod('backend', 0, { type: 'OOMKilled', secondsAgo: 120 });
    return s;
  },

  'postgres-pvc-pending': options => {
    const s = new SimulatedStack(options);
    const claim = s.release.setPvcPhase('Pending', {
      storageClass: 'fast-ssd',
    });
    const [pod] = s.release.podsOf('postgres');
    s.release
      .event(
        'PersistentVolumeClaim',
        claim.metadata!.name!,
        'ProvisioningFailed',
        'storageclass.storage.k8s.io "fast-ssd" not found',
        { count: 22, secondsAgo: 15 },
      )
      .event(
        'Pod',
        pod.metadata!.name!,
        'FailedScheduling',
        '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
        { count: 8, secondsAgo: 25 },
      );
    return s;
  },

  'blue-green-half-switched': options => {
    const s = new SimulatedStack({
      ...options,
      parameters: { rollout: { strategy: 'blue-green', activeColor: 'blue' } },
    });
    // The frontend was switched to green (green scaled up and on 0.2.0); backend and mcp were not yet.
    const blue = s.release.deployment('frontend', 'blue');
    s.release
      .scale('frontend', blue.spec!.replicas!, 'green')
      .rollout('frontend', { tag: '0.2.0', color: 'green', ageSeconds: 900 });
    s.release.service('frontend').spec!.selector!['evolution-todo.dev/color'] =
      'green';
    return s;
  },
};

export function buildScenario(
  name: ScenarioName,
  options: StackOptions,
): Stack {
  return SCENARIO_BUILDERS[name](options).toStack();
}
