import { KIND_ORDER, kindRank, sortForApply } from './kindOrder';
import type { SourcedObject } from './types';

const entry = (kind: string, name = kind.toLowerCase()): SourcedObject => ({
  object: { apiVersion: 'v1', kind, metadata: { name } },
  source: `k8s/${name}.yaml#1`,
});

describe('sortForApply', () => {
  it('orders the stack by dependency: namespace, config, services, workloads, autoscalers, monitoring', () => {
    const shuffled = [
      'ServiceMonitor',
      'HorizontalPodAutoscaler',
      'Deployment',
      'Ingress',
      'PodDisruptionBudget',
      'Service',
      'Secret',
      'PersistentVolumeClaim',
      'NetworkPolicy',
      'ConfigMap',
      'StatefulSet',
      'ServiceAccount',
      'PrometheusRule',
      'HTTPRoute',
      'Namespace',
      'RoleBinding',
      'Role',
    ].map(kind => entry(kind));

    expect(sortForApply(shuffled).map(({ object }) => object.kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'RoleBinding',
      'Role',
      'ConfigMap',
      'Secret',
      'NetworkPolicy',
      'Service',
      'PersistentVolumeClaim',
      'Deployment',
      'StatefulSet',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Ingress',
      'HTTPRoute',
      'ServiceMonitor',
      'PrometheusRule',
    ]);
  });

  it('puts unknown kinds last and keeps file order within a rank', () => {
    const input = [
      entry('Widget', 'w1'),
      entry('ConfigMap', 'b'),
      entry('Gizmo', 'g1'),
      entry('ConfigMap', 'a'),
      entry('Namespace', 'ns'),
    ];

    expect(
      sortForApply(input).map(({ object }) => object.metadata.name),
    ).toEqual(['ns', 'b', 'a', 'w1', 'g1']);
  });

  it('ranks every listed kind once', () => {
    const kinds = KIND_ORDER.flat();
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kindRank('Namespace')).toBe(0);
    expect(kindRank('SomethingCustom')).toBe(KIND_ORDER.length);
  });
});
