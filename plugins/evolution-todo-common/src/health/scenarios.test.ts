/**
 * The situations the issue names, each built from objects as a cluster reports
 * them, evaluated end to end (grouping, rules, system verdict).
 */
import {
  deployment,
  event,
  healthyRelease,
  hpa,
  NOW,
  pod,
  postgres,
  pvc,
  replicaSet,
  rolledOut,
  service,
  statefulSetPod,
} from './__fixtures__/objects';
import { classifyProbeAnswer } from './probes';
import { evaluateClusters } from './system';
import type { ClusterSnapshot, ProbeResult, SystemHealth } from './types';

const expected = ['frontend', 'backend', 'mcp', 'postgres'] as const;

function evaluate(
  snapshot: ClusterSnapshot,
  probes: ProbeResult[] = [],
): SystemHealth {
  return evaluateClusters([snapshot], probes, {
    now: NOW,
    expectedComponents: expected,
  });
}

function workload(health: SystemHealth, name: string) {
  const found = health.workloads.find(w => w.name === name);
  if (!found) throw new Error(`no workload ${name}`);
  return found;
}

/** Replaces the backend's objects in a healthy release. */
function withBackend(parts: {
  deployments: ClusterSnapshot['deployments'];
  replicaSets: ClusterSnapshot['replicaSets'];
  pods: ClusterSnapshot['pods'];
  events?: ClusterSnapshot['events'];
  hpas?: ClusterSnapshot['horizontalPodAutoscalers'];
}): ClusterSnapshot {
  const base = healthyRelease();
  const notBackend = (o: { metadata?: { name?: string } }) =>
    !o.metadata?.name?.startsWith('todo-backend');
  return {
    ...base,
    deployments: [
      ...base.deployments!.filter(notBackend),
      ...(parts.deployments ?? []),
    ],
    replicaSets: [
      ...base.replicaSets!.filter(notBackend),
      ...(parts.replicaSets ?? []),
    ],
    pods: [...base.pods!.filter(notBackend), ...(parts.pods ?? [])],
    events: parts.events ?? [],
    horizontalPodAutoscalers: parts.hpas ?? base.horizontalPodAutoscalers,
  };
}

describe('health verdicts on realistic clusters', () => {
  it('calls a fully rolled out release healthy', () => {
    const health = evaluate(healthyRelease());
    expect(health.verdict).toBe('Healthy');
    expect(health.reasons).toEqual(['all 5 workloads are healthy']);
    const backend = workload(health, 'todo-backend');
    expect(backend.replicas).toEqual({
      desired: 3,
      updated: 3,
      ready: 3,
      available: 3,
    });
    expect(backend.image?.tag).toBe('0.1.0');
    expect(backend.rollout.state).toBe('complete');
    expect(backend.strategy).toEqual({
      type: 'rolling',
      detail: 'rolling update (maxSurge 1, maxUnavailable 0)',
    });
    expect(backend.hpa).toMatchObject({
      minReplicas: 2,
      maxReplicas: 10,
      currentReplicas: 3,
      saturated: false,
    });
    expect(workload(health, 'todo-postgres').persistentVolumeClaims).toEqual([
      {
        name: 'data-todo-postgres-0',
        phase: 'Bound',
        capacity: '10Gi',
        storageClass: 'standard',
        problem: undefined,
      },
    ]);
  });

  it('keeps a rolling update within its budget healthy and reports its progress', () => {
    const d = deployment('backend', {
      tag: '0.2.0',
      generation: 3,
      updated: 1,
      total: 4,
      ready: 3,
      available: 3,
      progressing: {
        type: 'Progressing',
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: 'ReplicaSet "todo-backend-7f6d9c8b4" is progressing.',
      },
    });
    const oldRs = replicaSet(d, '5d8f7c9b6d', 3, '0.1.0');
    const newRs = replicaSet(d, '7f6d9c8b4', 1, '0.2.0');
    const health = evaluate(
      withBackend({
        deployments: [d],
        replicaSets: [oldRs, newRs],
        pods: [
          pod(oldRs, 'x7k2p'),
          pod(oldRs, 'q9m4t'),
          pod(oldRs, 'b3n8w'),
          // Just created: not ready yet, which is normal for 20 seconds.
          pod(newRs, 'h5r1z', {
            tag: '0.2.0',
            ready: false,
            startedSecondsAgo: 20,
          }),
        ],
      }),
    );
    const backend = workload(health, 'todo-backend');
    expect(backend.verdict).toBe('Healthy');
    expect(backend.rollout).toEqual({
      state: 'progressing',
      message:
        'rolling update of todo-backend: 1 of 3 replicas updated to 0.2.0',
    });
    expect(backend.reasons).toEqual([
      '3 of 3 replicas available',
      'rolling update of todo-backend: 1 of 3 replicas updated to 0.2.0',
    ]);
    expect(backend.podCounts).toEqual({
      total: 4,
      ready: 3,
      starting: 1,
      failing: 0,
      terminating: 0,
      restarts: 0,
    });
    // Only the new pod needs a look: it is not ready yet (but within its start-up grace).
    expect(backend.pods).toEqual([
      expect.objectContaining({
        imageTag: '0.2.0',
        ready: false,
        problems: [],
      }),
    ]);
    expect(health.verdict).toBe('Healthy');
  });

  it('reports a stalled rollout (ProgressDeadlineExceeded) with the pull error that causes it', () => {
    const d = deployment('backend', {
      tag: '0.2.1',
      generation: 4,
      updated: 1,
      total: 4,
      ready: 3,
      available: 3,
      progressing: {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message:
          'ReplicaSet "todo-backend-6c4b8f9d7" has timed out progressing.',
      },
    });
    const oldRs = replicaSet(d, '5d8f7c9b6d', 3, '0.1.0');
    const newRs = replicaSet(d, '6c4b8f9d7', 1, '0.2.1');
    const stuck = pod(newRs, 'c6v2d', {
      tag: '0.2.1',
      ready: false,
      startedSecondsAgo: 900,
      phase: 'Pending',
      state: {
        waiting: {
          reason: 'ImagePullBackOff',
          message:
            'Back-off pulling image "ghcr.io/evolution-todo/todo-backend:0.2.1"',
        },
      },
    });
    const health = evaluate(
      withBackend({
        deployments: [d],
        replicaSets: [oldRs, newRs],
        pods: [
          pod(oldRs, 'x7k2p'),
          pod(oldRs, 'q9m4t'),
          pod(oldRs, 'b3n8w'),
          stuck,
        ],
        events: [
          event(
            'Pod',
            stuck.metadata!.name!,
            'Failed',
            'Failed to pull image "ghcr.io/evolution-todo/todo-backend:0.2.1": not found',
            { count: 12 },
          ),
        ],
      }),
    );
    const backend = workload(health, 'todo-backend');
    expect(backend.verdict).toBe('Degraded');
    expect(backend.rollout.state).toBe('stalled');
    expect(backend.reasons).toEqual([
      'rollout of todo-backend stalled (ProgressDeadlineExceeded): ReplicaSet "todo-backend-6c4b8f9d7" has timed out progressing.',
      `pod ${
        stuck.metadata!.name
      }: container backend cannot pull its image (ImagePullBackOff): Back-off pulling image "ghcr.io/evolution-todo/todo-backend:0.2.1"`,
    ]);
    expect(backend.warningEvents).toEqual([
      expect.objectContaining({
        reason: 'Failed',
        count: 12,
        lastSeen: '1m ago',
      }),
    ]);
    expect(health.verdict).toBe('Degraded');
    expect(health.reasons[0]).toMatch(
      /^todo-backend is degraded: rollout of todo-backend stalled/,
    );
  });

  it('flags an HPA saturated at its maximum while CPU is over target', () => {
    const { deployment: d, replicaSet: rs } = rolledOut('backend', {
      replicas: 10,
    });
    const pods = Array.from({ length: 10 }, (_, i) => pod(rs, `n${i}abc`));
    const saturated = hpa(d, {
      current: 10,
      desired: 10,
      max: 10,
      cpu: [135, 70],
      memory: [60, 80],
      conditions: [
        { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' },
        { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' },
        {
          type: 'ScalingLimited',
          status: 'True',
          reason: 'TooManyReplicas',
          message:
            'the desired replica count is more than the maximum replica count',
        },
      ],
    });
    const health = evaluate(
      withBackend({
        deployments: [d],
        replicaSets: [rs],
        pods,
        hpas: [saturated],
      }),
    );
    const backend = workload(health, 'todo-backend');
    expect(backend.hpa).toMatchObject({
      minReplicas: 2,
      maxReplicas: 10,
      currentReplicas: 10,
      desiredReplicas: 10,
      saturated: true,
      cpu: { name: 'cpu', current: '135%', target: '70%', aboveTarget: true },
      memory: {
        name: 'memory',
        current: '60%',
        target: '80%',
        aboveTarget: false,
      },
    });
    expect(backend.hpa?.conditions.map(c => `${c.type}=${c.status}`)).toEqual([
      'AbleToScale=True',
      'ScalingActive=True',
      'ScalingLimited=True',
    ]);
    expect(backend.verdict).toBe('Degraded');
    expect(backend.reasons).toEqual([
      'HPA todo-backend is at its maximum of 10 replicas and cannot add more while cpu is at 135% (target 70%)',
    ]);
  });

  it('turns a failing live /readiness and a pod failing its readiness probe into Degraded with both reasons', () => {
    const d = deployment('backend', { ready: 2, available: 2 });
    const rs = replicaSet(d, '5d8f7c9b6d', 3);
    const unready = pod(rs, 'b3n8w', { ready: false });
    const readiness = classifyProbeAnswer(
      { component: 'backend', probe: 'readiness', path: '/readiness' },
      {
        status: 503,
        body: '{"status":"unavailable","database":"unreachable"}',
      },
    );
    const liveness = classifyProbeAnswer(
      { component: 'backend', probe: 'health', path: '/health' },
      { status: 200, body: '{"status":"ok"}' },
    );
    const health = evaluate(
      withBackend({
        deployments: [d],
        replicaSets: [rs],
        pods: [pod(rs, 'x7k2p'), pod(rs, 'q9m4t'), unready],
        events: [
          event(
            'Pod',
            unready.metadata!.name!,
            'Unhealthy',
            'Readiness probe failed: HTTP probe failed with statuscode: 503',
            { count: 9, secondsAgo: 10 },
          ),
        ],
      }),
      [liveness, readiness],
    );
    const backend = workload(health, 'todo-backend');
    expect(backend.verdict).toBe('Degraded');
    expect(backend.reasons).toEqual([
      '2 of 3 replicas available',
      `pod ${
        unready.metadata!.name
      }: pod is not ready: Readiness probe failed: HTTP probe failed with statuscode: 503`,
      'live /readiness check: answered 503: status: unavailable, database: unreachable',
    ]);
    expect(backend.probes.map(p => p.outcome)).toEqual(['pass', 'fail']);
    expect(health.verdict).toBe('Degraded');
  });

  it('names a crash-looping pod with its exit reason, and an OOMKilled one with its memory limit', () => {
    const d = deployment('backend', { ready: 1, available: 1 });
    const rs = replicaSet(d, '5d8f7c9b6d', 3);
    const crashing = pod(rs, 'q9m4t', {
      ready: false,
      restarts: 7,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: 'back-off 5m0s restarting failed container',
        },
      },
      lastState: {
        terminated: {
          reason: 'Error',
          exitCode: 1,
          finishedAt: new Date(NOW - 30_000).toISOString(),
        },
      },
    });
    const oom = pod(rs, 'b3n8w', {
      ready: false,
      restarts: 3,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
    });
    const health = evaluate(
      withBackend({
        deployments: [d],
        replicaSets: [rs],
        pods: [pod(rs, 'x7k2p'), crashing, oom],
      }),
    );
    const backend = workload(health, 'todo-backend');
    expect(backend.verdict).toBe('Degraded');
    expect(backend.reasons).toEqual([
      '1 of 3 replicas available',
      `pod ${
        crashing.metadata!.name
      }: container backend is in CrashLoopBackOff after 7 restarts; last exit: Error (exit code 1)`,
      `pod ${
        oom.metadata!.name
      }: container backend was OOMKilled (memory limit 512Mi) and is in CrashLoopBackOff, 3 restarts`,
    ]);
    expect(
      backend.pods.find(p => p.name === crashing.metadata!.name),
    ).toMatchObject({
      ready: false,
      restarts: 7,
      problems: [expect.objectContaining({ type: 'CrashLoopBackOff' })],
    });
    expect(
      backend.pods.find(p => p.name === oom.metadata!.name)?.problems[0].type,
    ).toBe('OOMKilled');
  });

  it('calls the system down when every backend pod crash-loops', () => {
    const d = deployment('backend', { ready: 0, available: 0 });
    const rs = replicaSet(d, '5d8f7c9b6d', 3);
    const crash = {
      ready: false,
      restarts: 4,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { reason: 'Error', exitCode: 3 } },
    };
    const health = evaluate(
      withBackend({
        deployments: [d],
        replicaSets: [rs],
        pods: ['x7k2p', 'q9m4t', 'b3n8w'].map(s => pod(rs, s, crash)),
      }),
    );
    expect(workload(health, 'todo-backend').verdict).toBe('Down');
    expect(health.verdict).toBe('Down');
    expect(health.reasons[0]).toBe(
      'todo-backend is down: 0 of 3 replicas available',
    );
  });

  it('traces postgres down to its Pending PVC', () => {
    const base = healthyRelease();
    const db = postgres({ ready: 0 });
    const claim = pvc('data-todo-postgres-0', 'Pending');
    const pending = statefulSetPod(db, 0, {
      phase: 'Pending',
      ready: false,
      scheduled: {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message:
          '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
      },
    });
    const health = evaluate({
      ...base,
      statefulSets: [db],
      pods: [
        ...base.pods!.filter(
          p => !p.metadata!.name!.startsWith('todo-postgres'),
        ),
        pending,
      ],
      persistentVolumeClaims: [claim],
      events: [
        event(
          'PersistentVolumeClaim',
          'data-todo-postgres-0',
          'ProvisioningFailed',
          'storageclass.storage.k8s.io "fast-ssd" not found',
          { count: 14 },
        ),
      ],
    });
    const db_ = workload(health, 'todo-postgres');
    expect(db_.kind).toBe('StatefulSet');
    expect(db_.verdict).toBe('Down');
    expect(db_.reasons).toEqual([
      '0 of 1 replicas available',
      'PVC data-todo-postgres-0 is Pending (ProvisioningFailed: storageclass.storage.k8s.io "fast-ssd" not found)',
      'pod todo-postgres-0: pod cannot be scheduled: 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
    ]);
    expect(health.verdict).toBe('Down');
    expect(health.reasons).toContain(
      'todo-postgres is down: 0 of 1 replicas available',
    );
  });

  describe('blue-green', () => {
    function blueGreen(
      component: 'frontend' | 'backend',
      active: 'blue' | 'green',
      green = { ready: 3 },
    ) {
      const blue = rolledOut(component, { color: 'blue', tag: '0.1.0' });
      const greenD = deployment(component, {
        color: 'green',
        tag: '0.2.0',
        ready: green.ready,
        available: green.ready,
      });
      const greenRs = replicaSet(greenD, '84c7d9f6b5', 3, '0.2.0');
      const greenPods = Array.from({ length: green.ready }, (_, i) =>
        pod(greenRs, `g${i}kq7`, { tag: '0.2.0' }),
      );
      return {
        deployments: [blue.deployment, greenD],
        replicaSets: [blue.replicaSet, greenRs],
        pods: [...blue.pods, ...greenPods],
        service: service(component, active),
      };
    }

    function release(
      frontendColor: 'blue' | 'green',
      backendColor: 'blue' | 'green',
      greenFrontendReady = 3,
    ) {
      const base = healthyRelease();
      const fe = blueGreen('frontend', frontendColor, {
        ready: greenFrontendReady,
      });
      const be = blueGreen('backend', backendColor);
      const isFeOrBe = (o: { metadata?: { name?: string } }) =>
        /^todo-(frontend|backend)/.test(o.metadata?.name ?? '');
      return {
        ...base,
        deployments: [
          ...base.deployments!.filter(o => !isFeOrBe(o)),
          ...fe.deployments,
          ...be.deployments,
        ],
        replicaSets: [
          ...base.replicaSets!.filter(o => !isFeOrBe(o)),
          ...fe.replicaSets,
          ...be.replicaSets,
        ],
        pods: [...base.pods!.filter(o => !isFeOrBe(o)), ...fe.pods, ...be.pods],
        services: [
          ...base.services!.filter(o => !isFeOrBe(o)),
          fe.service,
          be.service,
        ],
        horizontalPodAutoscalers: [],
      };
    }

    it('shows one workload per component with the active colour and both colours', () => {
      const health = evaluate(release('green', 'green'));
      const frontend = workload(health, 'todo-frontend');
      expect(frontend.strategy).toEqual({
        type: 'blue-green',
        activeColor: 'green',
        colors: [
          {
            color: 'blue',
            replicas: { desired: 3, updated: 3, ready: 3, available: 3 },
            imageTag: '0.1.0',
          },
          {
            color: 'green',
            replicas: { desired: 3, updated: 3, ready: 3, available: 3 },
            imageTag: '0.2.0',
          },
        ],
      });
      expect(frontend.image?.tag).toBe('0.2.0');
      expect(frontend.notes).toContain(
        'idle colour blue: 3 of 3 replicas ready (no traffic)',
      );
      expect(health.verdict).toBe('Healthy');
    });

    it('reports a switch half done: components serving different colours', () => {
      const health = evaluate(release('green', 'blue'));
      expect(health.verdict).toBe('Degraded');
      expect(health.reasons).toEqual([
        'blue-green switch half done: frontend serves green, backend serves blue',
      ]);
    });

    it('judges the active colour only: traffic switched to a green that is not ready yet', () => {
      const health = evaluate(release('green', 'green', 1));
      const frontend = workload(health, 'todo-frontend');
      expect(frontend.replicas).toEqual({
        desired: 3,
        updated: 3,
        ready: 1,
        available: 1,
      });
      expect(frontend.verdict).toBe('Degraded');
      expect(frontend.reasons).toEqual(['1 of 3 replicas available']);
    });

    it('calls a component down when its Service selects a colour that has no Deployment', () => {
      const snapshot = release('blue', 'blue');
      snapshot.deployments = snapshot.deployments.filter(
        d => d.metadata!.name !== 'todo-frontend-blue',
      );
      const health = evaluate(snapshot);
      expect(workload(health, 'todo-frontend')).toMatchObject({
        verdict: 'Down',
        reasons: [
          'the Service sends traffic to blue, but there is no blue Deployment',
        ],
      });
      expect(health.verdict).toBe('Down');
    });
  });
});
