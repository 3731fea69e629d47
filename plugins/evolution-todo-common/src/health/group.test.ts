import {
  deployment,
  healthyRelease,
  hpa,
  pod,
  postgres,
  pvc,
  replicaSet,
  event,
  NAMESPACE,
} from './__fixtures__/objects';
import { groupWorkloads } from './group';

describe('groupWorkloads', () => {
  it('sorts a release into one workload per component with its pods, HPA, PVC and Service', () => {
    const groups = groupWorkloads(healthyRelease());
    expect(
      groups.map(g => [g.name, g.kind, g.component, g.pods.length]),
    ).toEqual([
      ['todo-frontend', 'Deployment', 'frontend', 3],
      ['todo-backend', 'Deployment', 'backend', 3],
      ['todo-mcp', 'Deployment', 'mcp', 2],
      ['todo-redis', 'Deployment', 'redis', 1],
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
    const d = deployment('backend');
    const rs = replicaSet(d, '5d8f7c9b6d', 1);
    const [group] = groupWorkloads({
      deployments: [d],
      pods: [pod(rs, 'x7k2p')],
    });
    expect(group.pods).toHaveLength(1);
  });

  it('finds pods without owners by the selector, and PVCs without pods by the claim template', () => {
    const d = deployment('backend');
    const orphan = pod(replicaSet(d, 'abc', 1), 'x7k2p');
    delete orphan.metadata!.ownerReferences;
    const db = postgres({ ready: 0 });
    const groups = groupWorkloads({
      deployments: [d],
      statefulSets: [db],
      pods: [orphan],
      persistentVolumeClaims: [
        pvc('data-todo-postgres-0', 'Pending'),
        pvc('data-todo-postgres-extra'),
      ],
    });
    expect(groups[0].pods).toHaveLength(1);
    expect(groups[1].persistentVolumeClaims.map(c => c.metadata?.name)).toEqual(
      ['data-todo-postgres-0'],
    );
  });

  it('routes events to the workload of the object they are about', () => {
    const d = deployment('backend');
    const rs = replicaSet(d, '5d8f7c9b6d', 1);
    const p = pod(rs, 'x7k2p');
    const groups = groupWorkloads({
      deployments: [d],
      replicaSets: [rs],
      pods: [p],
      horizontalPodAutoscalers: [hpa(d)],
      events: [
        event(
          'Pod',
          p.metadata!.name!,
          'BackOff',
          'Back-off restarting failed container',
        ),
        event(
          'HorizontalPodAutoscaler',
          'todo-backend',
          'FailedGetResourceMetric',
          'no metrics',
        ),
        event('Pod', 'someone-else', 'BackOff', 'not ours'),
      ],
    });
    expect(groups[0].events.map(e => e.reason)).toEqual([
      'BackOff',
      'FailedGetResourceMetric',
    ]);
  });

  it('keeps workloads that are not ours, by controller name', () => {
    const groups = groupWorkloads({
      deployments: [
        {
          metadata: { name: 'nginx', namespace: NAMESPACE },
          spec: { replicas: 1 },
        },
      ],
    });
    expect(groups).toEqual([
      expect.objectContaining({
        name: 'nginx',
        component: undefined,
        key: 'todo/Deployment/nginx',
      }),
    ]);
  });
});
