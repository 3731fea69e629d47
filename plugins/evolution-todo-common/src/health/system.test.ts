import {
  deployment,
  healthyRelease,
  NOW,
  replicaSet,
  pod,
} from './__fixtures__/objects';
import { evaluateClusters } from './system';

describe('evaluateClusters', () => {
  it('degrades, but does not take down, the system when redis is down', () => {
    const snapshot = healthyRelease();
    snapshot.deployments = snapshot.deployments!.map(d =>
      d.metadata!.name === 'todo-redis'
        ? deployment('redis', { replicas: 1, ready: 0, available: 0 })
        : d,
    );
    const health = evaluateClusters([snapshot], [], { now: NOW });
    expect(health.verdict).toBe('Degraded');
    expect(health.reasons).toEqual([
      'todo-redis is down: 0 of 1 replicas available',
    ]);
  });

  it('counts an expected component that is missing as down', () => {
    const snapshot = healthyRelease();
    snapshot.statefulSets = [];
    const health = evaluateClusters([snapshot], [], {
      now: NOW,
      expectedComponents: ['frontend', 'backend', 'mcp', 'postgres'],
    });
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
        healthyRelease(),
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
    expect(health.workloads).toHaveLength(5);
  });

  it('names the cluster of each workload when there are several', () => {
    const a = healthyRelease();
    const b = { ...healthyRelease(), cluster: 'eu-west' };
    const d = deployment('backend', { ready: 1, available: 1 });
    const rs = replicaSet(d, '5d8f7c9b6d', 3);
    b.deployments = b.deployments!.map(x =>
      x.metadata!.name === 'todo-backend' ? d : x,
    );
    b.pods = [
      ...b.pods!.filter(p => !p.metadata!.name!.startsWith('todo-backend')),
      pod(rs, 'x7k2p'),
    ];
    const health = evaluateClusters([a, b], [], { now: NOW });
    expect(health.verdict).toBe('Degraded');
    expect(health.reasons).toEqual([
      'todo-backend (eu-west) is degraded: 1 of 3 replicas available',
    ]);
  });

  it('applies live checks to the workload of their component and cluster only', () => {
    const health = evaluateClusters(
      [healthyRelease(), { ...healthyRelease(), cluster: 'eu-west' }],
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
      { now: NOW },
    );
    const backends = health.workloads.filter(w => w.component === 'backend');
    expect(backends.map(w => [w.cluster, w.verdict])).toEqual([
      ['local', 'Healthy'],
      ['eu-west', 'Degraded'],
    ]);
  });
});
