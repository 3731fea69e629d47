/**
 * The health rules (plugin-evolution-todo-common) on whole releases: the
 * objects the renderer renders, "running" in the ReleaseSimulator, broken the
 * way clusters break. Grouping, per-workload verdicts and the system verdict,
 * end to end. Per-object rules are tested on cluster-shaped YAML in common
 * (src/health/__fixtures__/states).
 */
import {
  classifyProbeAnswer,
  evaluateClusters,
  groupWorkloads,
  type ClusterSnapshot,
  type ProbeResult,
  type SystemHealth,
} from '@evolution-todo/plugin-evolution-todo-common';
import { ReleaseSimulator } from './ReleaseSimulator';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const expected = ['frontend', 'backend', 'mcp', 'postgres'] as const;

function release(parameters: Record<string, unknown> = {}, cluster?: string) {
  return ReleaseSimulator.fromParameters(
    { name: 'todo', namespace: 'todo', ...parameters },
    { now: NOW, cluster },
  );
}

function evaluate(
  snapshot: ClusterSnapshot | ClusterSnapshot[],
  probes: ProbeResult[] = [],
): SystemHealth {
  return evaluateClusters([snapshot].flat(), probes, {
    now: NOW,
    expectedComponents: expected,
  });
}

function workload(health: SystemHealth, name: string) {
  const found = health.workloads.find(w => w.name === name);
  if (!found) throw new Error(`no workload ${name}`);
  return found;
}

describe('health verdicts on simulated releases', () => {
  it('calls a fully rolled out release healthy', () => {
    const health = evaluate(release().snapshot());
    expect(health.verdict).toBe('Healthy');
    expect(health.reasons).toEqual(['all 7 workloads are healthy']);
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
    const r = release().rollout('backend', {
      tag: '0.2.0',
      updated: 1,
      ready: 0,
      ageSeconds: 20,
    });
    const health = evaluate(r.snapshot());
    const backend = workload(health, 'todo-backend');
    expect(backend.verdict).toBe('Healthy');
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
    // Only the new pod needs a look: not ready yet, within its start-up grace.
    expect(backend.pods).toEqual([
      expect.objectContaining({
        imageTag: '0.2.0',
        ready: false,
        problems: [],
      }),
    ]);
    expect(health.verdict).toBe('Healthy');
  });

  it('shows a paused rollout as paused, never complete, and keeps judging the pods', () => {
    const r = release()
      .rollout('backend', { tag: '0.2.0', updated: 1, ready: 1 })
      .pause('backend');
    const backend = workload(evaluate(r.snapshot()), 'todo-backend');
    expect(backend.rollout).toEqual({
      state: 'paused',
      message:
        'rollout of todo-backend is paused (1 of 3 replicas updated to 0.2.0, 2 old replicas still serving); resume with kubectl rollout resume deployment/todo-backend',
    });
    expect(backend.verdict).toBe('Healthy');
    expect(backend.reasons.join(' ')).not.toMatch(/complete/);

    r.podsOf('backend').forEach((_, i) =>
      r.failPod('backend', i, { type: 'CrashLoopBackOff' }),
    );
    const down = workload(evaluate(r.snapshot()), 'todo-backend');
    expect(down.verdict).toBe('Down');
    expect(down.reasons[0]).toBe('0 of 3 replicas available');
    expect(down.reasons).toContain(backend.rollout.message);
  });

  it('shows a Deployment being deleted as deleting, not healthy', () => {
    const r = release().delete('backend', 90);
    const health = evaluate(r.snapshot());
    const backend = workload(health, 'todo-backend');
    expect(backend.rollout.state).toBe('deleting');
    expect(backend.verdict).toBe('Degraded');
    expect(backend.reasons[0]).toBe(
      'Deployment todo-backend is being deleted (deletion requested 1m ago)',
    );
    expect(health.reasons[0]).toBe(
      'todo-backend is degraded: Deployment todo-backend is being deleted (deletion requested 1m ago)',
    );
  });

  it('reports a stalled rollout (ProgressDeadlineExceeded) with the pull error that causes it', () => {
    const r = release().rollout('backend', {
      tag: '0.2.1',
      updated: 1,
      stalled: true,
      ageSeconds: 900,
    });
    const [stuck] = r.podsOf('backend');
    r.event(
      'Pod',
      stuck.metadata!.name!,
      'Failed',
      'Failed to pull image "ghcr.io/evolution-todo/todo-backend:0.2.1": not found',
      { count: 12, secondsAgo: 60 },
    );
    const health = evaluate(r.snapshot());
    const backend = workload(health, 'todo-backend');
    const rs = stuck.metadata!.ownerReferences![0].name;
    expect(backend.verdict).toBe('Degraded');
    expect(backend.rollout.state).toBe('stalled');
    expect(backend.reasons).toEqual([
      `rollout of todo-backend stalled (ProgressDeadlineExceeded): ReplicaSet "${rs}" has timed out progressing.`,
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
    expect(health.reasons[0]).toMatch(
      /^todo-backend is degraded: rollout of todo-backend stalled/,
    );
  });

  it('flags an HPA saturated at its maximum while CPU is over target', () => {
    const r = release({
      backend: { autoscaling: { targetMemoryUtilizationPercentage: 80 } },
    }).setHpa('backend', { current: 10, cpu: 135, memory: 60 });
    const backend = workload(evaluate(r.snapshot()), 'todo-backend');
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
    expect(backend.replicas.desired).toBe(10);
    expect(backend.verdict).toBe('Degraded');
    expect(backend.reasons).toEqual([
      'HPA todo-backend is at its maximum of 10 replicas and cannot add more while cpu is at 135% (target 70%)',
    ]);
  });

  it('explains an HPA that cannot compute a memory target on pods without memory requests', () => {
    const r = release().setHpa('backend', { fault: 'FailedGetResourceMetric' });
    const backend = workload(evaluate(r.snapshot()), 'todo-backend');
    expect(backend.verdict).toBe('Degraded');
    expect(backend.reasons).toEqual([
      'HPA todo-backend cannot compute memory utilization (FailedGetResourceMetric): its pods set no memory request, so a memory target has nothing to compare with',
    ]);
  });

  it('turns a failing live /readiness and a pod failing its readiness probe into Degraded with both reasons', () => {
    const r = release();
    const unready = r.failPod('backend', 2, { type: 'NotReady' });
    r.event(
      'Pod',
      unready.metadata!.name!,
      'Unhealthy',
      'Readiness probe failed: HTTP probe failed with statuscode: 503',
      { count: 9, secondsAgo: 10 },
    );
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
    const health = evaluate(r.snapshot(), [liveness, readiness]);
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
    const r = release();
    const crashing = r.failPod('backend', 1, {
      type: 'CrashLoopBackOff',
      restarts: 7,
    });
    const oom = r.failPod('backend', 2, {
      type: 'OOMKilled',
      crashLooping: true,
    });
    const backend = workload(evaluate(r.snapshot()), 'todo-backend');
    expect(backend.verdict).toBe('Degraded');
    expect(backend.reasons).toEqual([
      '1 of 3 replicas available',
      `pod ${
        crashing.metadata!.name
      }: container backend is in CrashLoopBackOff after 7 restarts; last exit: Error (exit code 1)`,
      `pod ${
        oom.metadata!.name
      }: container backend was OOMKilled (memory limit 512Mi) and is in CrashLoopBackOff, 1 restarts`,
    ]);
    expect(backend.podCounts).toMatchObject({ ready: 1, failing: 2 });
  });

  it('calls the system down when every backend pod crash-loops, and only degraded when redis does', () => {
    const r = release();
    r.podsOf('backend').forEach((_, i) =>
      r.failPod('backend', i, { type: 'CrashLoopBackOff' }),
    );
    const health = evaluate(r.snapshot());
    expect(workload(health, 'todo-backend').verdict).toBe('Down');
    expect(health.verdict).toBe('Down');
    expect(health.reasons[0]).toBe(
      'todo-backend is down: 0 of 3 replicas available',
    );

    const redis = release();
    redis.failPod('redis', 0, { type: 'CrashLoopBackOff' });
    const degraded = evaluate(redis.snapshot());
    expect(degraded.verdict).toBe('Degraded');
    expect(degraded.reasons).toEqual([
      'todo-redis is down: 0 of 1 replicas available',
    ]);
  });

  it('traces postgres down to its Pending PVC', () => {
    const r = release();
    const claim = r.setPvcPhase('Pending', { storageClass: 'fast-ssd' });
    r.event(
      'PersistentVolumeClaim',
      claim.metadata!.name!,
      'ProvisioningFailed',
      'storageclass.storage.k8s.io "fast-ssd" not found',
      { count: 14 },
    );
    const health = evaluate(r.snapshot());
    const db = workload(health, 'todo-postgres');
    expect(db.kind).toBe('StatefulSet');
    expect(db.verdict).toBe('Down');
    expect(db.reasons).toEqual([
      '0 of 1 replicas available',
      'PVC data-todo-postgres-0 is Pending (ProvisioningFailed: storageclass.storage.k8s.io "fast-ssd" not found)',
      'pod todo-postgres-0: pod cannot be scheduled: 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    ]);
    expect(health.verdict).toBe('Down');
  });

  describe('blue-green', () => {
    type Colors = Record<'frontend' | 'backend' | 'mcp', 'blue' | 'green'>;
    /**
     * Blue serves 0.1.0; green was rolled to 0.2.0 and scaled up, and each
     * Service selects the colour in `colors`. Blue keeps its replicas for a
     * quick switch back.
     */
    function blueGreen(colors: Colors) {
      const r = release({
        rollout: { strategy: 'blue-green', activeColor: 'blue' },
        backend: { autoscaling: { enabled: false } },
      });
      for (const component of ['frontend', 'backend', 'mcp'] as const) {
        const replicas = r.deployment(component, 'blue').spec!.replicas!;
        r.rollout(component, { tag: '0.2.0', color: 'green', updated: 0 });
        r.scale(component, replicas, 'green');
        r.service(component).spec!.selector!['evolution-todo.dev/color'] =
          colors[component];
      }
      return r;
    }
    const allGreen: Colors = {
      frontend: 'green',
      backend: 'green',
      mcp: 'green',
    };

    it('shows one workload per component with the active colour and both colours', () => {
      const health = evaluate(blueGreen(allGreen).snapshot());
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
      const health = evaluate(
        blueGreen({
          frontend: 'green',
          backend: 'blue',
          mcp: 'blue',
        }).snapshot(),
      );
      expect(health.verdict).toBe('Degraded');
      expect(health.reasons).toEqual([
        'blue-green switch half done: frontend serves green, backend serves blue, mcp serves blue',
      ]);
    });

    it('judges the active colour only: traffic switched to a green that is not ready yet', () => {
      const r = blueGreen(allGreen);
      r.failPod('frontend', 1, { type: 'NotReady' }, 'green');
      r.failPod('frontend', 2, { type: 'NotReady' }, 'green');
      const health = evaluate(r.snapshot());
      const frontend = workload(health, 'todo-frontend');
      expect(frontend.replicas).toEqual({
        desired: 3,
        updated: 3,
        ready: 1,
        available: 1,
      });
      expect(frontend.verdict).toBe('Degraded');
      expect(frontend.reasons[0]).toBe('1 of 3 replicas available');
    });

    it('calls a component down when its Service selects a colour that has no Deployment', () => {
      const snapshot = blueGreen({
        frontend: 'blue',
        backend: 'blue',
        mcp: 'blue',
      }).snapshot();
      snapshot.deployments = snapshot.deployments!.filter(
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

describe('the system verdict over clusters', () => {
  it('counts an expected component that is missing as down', () => {
    const snapshot = release().snapshot();
    snapshot.statefulSets = [];
    const health = evaluate(snapshot);
    expect(health.verdict).toBe('Down');
    expect(health.reasons).toEqual(['no postgres workload was found']);
  });

  it('is unknown with no workloads, and names clusters that could not be read', () => {
    expect(evaluateClusters([], [], { now: NOW })).toMatchObject({
      verdict: 'Unknown',
      reasons: ['no workloads were found'],
    });
    const health = evaluateClusters(
      [
        release().snapshot(),
        {
          cluster: 'eu-west',
          unreadable: ['the cluster could not be reached: ECONNREFUSED'],
        },
      ],
      [],
      { now: NOW },
    );
    expect(health.verdict).toBe('Unknown');
    expect(health.reasons).toEqual([
      'eu-west: the cluster could not be reached: ECONNREFUSED',
    ]);
    expect(health.workloads).toHaveLength(7);
  });

  it('names the cluster of each workload when there are several', () => {
    const west = release({}, 'eu-west');
    west.failPod('backend', 0, { type: 'CrashLoopBackOff' });
    west.failPod('backend', 1, { type: 'CrashLoopBackOff' });
    const health = evaluate([release().snapshot(), west.snapshot()]);
    expect(health.verdict).toBe('Degraded');
    expect(health.reasons).toEqual([
      'todo-backend (eu-west) is degraded: 1 of 3 replicas available',
    ]);
  });

  it('applies live checks to the workload of their component and cluster only', () => {
    const health = evaluate(
      [release().snapshot(), release({}, 'eu-west').snapshot()],
      [
        {
          component: 'backend',
          cluster: 'eu-west',
          probe: 'readiness',
          path: '/readiness',
          outcome: 'fail',
          status: 503,
          message: 'answered 503',
        },
      ],
    );
    const backends = health.workloads.filter(w => w.component === 'backend');
    expect(backends.map(w => [w.cluster, w.verdict])).toEqual([
      ['local', 'Healthy'],
      ['eu-west', 'Degraded'],
    ]);
  });
});

describe('grouping a release into workloads', () => {
  it('sorts a release into one workload per controller with its pods, HPA, PVC and Service', () => {
    const groups = groupWorkloads(release().snapshot());
    expect(
      groups.map(g => [g.name, g.kind, g.component, g.pods.length]),
    ).toEqual([
      ['todo-frontend', 'Deployment', 'frontend', 3],
      ['todo-backend', 'Deployment', 'backend', 3],
      ['todo-mcp', 'Deployment', 'mcp', 2],
      ['todo-redis', 'Deployment', 'redis', 1],
      // The exporters are not stack components: grouped by controller name.
      ['todo-postgres-exporter', 'Deployment', undefined, 1],
      ['todo-redis-exporter', 'Deployment', undefined, 1],
      ['todo-postgres', 'StatefulSet', 'postgres', 1],
    ]);
    const backend = groups.find(g => g.name === 'todo-backend')!;
    expect(backend.horizontalPodAutoscalers.map(h => h.metadata?.name)).toEqual(
      ['todo-backend'],
    );
    expect(backend.services.map(s => s.metadata?.name)).toEqual([
      'todo-backend',
    ]);
    const db = groups.find(g => g.name === 'todo-postgres')!;
    expect(db.persistentVolumeClaims.map(c => c.metadata?.name)).toEqual([
      'data-todo-postgres-0',
    ]);
  });

  it('finds pods whose ReplicaSet was not fetched, by the pod-template-hash', () => {
    const snapshot = release().snapshot();
    delete snapshot.replicaSets;
    const backend = groupWorkloads(snapshot).find(
      g => g.name === 'todo-backend',
    )!;
    expect(backend.pods).toHaveLength(3);
  });

  it('finds pods without owners by the selector, and PVCs without pods by the claim template', () => {
    const snapshot = release().snapshot();
    for (const pod of snapshot.pods!) delete pod.metadata!.ownerReferences;
    snapshot.pods = snapshot.pods!.filter(
      p => !p.metadata!.name!.startsWith('todo-postgres-0'),
    );
    const groups = groupWorkloads(snapshot);
    expect(groups.find(g => g.name === 'todo-backend')!.pods).toHaveLength(3);
    expect(
      groups
        .find(g => g.name === 'todo-postgres')!
        .persistentVolumeClaims.map(c => c.metadata?.name),
    ).toEqual(['data-todo-postgres-0']);
  });

  it('routes events to the workload of the object they are about', () => {
    const r = release();
    const [pod] = r.podsOf('backend');
    r.event('Pod', pod.metadata!.name!, 'BackOff', 'Back-off restarting')
      .event(
        'HorizontalPodAutoscaler',
        'todo-backend',
        'FailedGetResourceMetric',
        'no metrics',
      )
      .event('Pod', 'someone-else', 'BackOff', 'not ours');
    const backend = groupWorkloads(r.snapshot()).find(
      g => g.name === 'todo-backend',
    )!;
    expect(backend.events.map(e => e.reason)).toEqual([
      'BackOff',
      'FailedGetResourceMetric',
    ]);
  });
});
