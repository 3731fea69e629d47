import { renderMonitoring } from './monitoring';
import { renderDataStores } from './dataStores';
import { renderDisruptionBudgets } from './disruptionBudgets';
import type { ManifestRenderer } from './types';
import { renderAppDeployments } from './workloads';
import { renderFamily, selects } from '../__testUtils__/workloadFamilies';

/** The budgets with every workload of the release (the exporters come from monitoring). */
const withWorkloads: ManifestRenderer = ctx => [
  ...renderDisruptionBudgets(ctx),
  ...renderAppDeployments(ctx),
  ...renderDataStores(ctx),
  ...renderMonitoring(ctx).filter(p => p.object.kind === 'Deployment'),
];

describe.each([
  ['defaults', { name: 'todo' }],
  [
    'blue-green',
    { name: 'todo', rollout: { strategy: 'blue-green' as const } },
  ],
  [
    'redis and monitoring off',
    { name: 'todo', redis: { enabled: false }, monitoring: { enabled: false } },
  ],
  ['monitoring on, redis off', { name: 'todo', redis: { enabled: false } }],
])('renderDisruptionBudgets (%s)', (_label, parameters) => {
  const { ofKind } = renderFamily(withWorkloads, parameters);
  const budgets = ofKind('PodDisruptionBudget');
  const workloads = [...ofKind('Deployment'), ...ofKind('StatefulSet')];

  it('covers every workload that runs pods with exactly one budget', () => {
    for (const workload of workloads.filter(w => w.spec.replicas !== 0)) {
      const labels = workload.spec.template.metadata.labels;
      expect(
        budgets.filter(b => selects(b.spec.selector.matchLabels, labels)),
      ).toHaveLength(1);
    }
  });

  it('has no budget that selects nothing', () => {
    for (const budget of budgets) {
      expect(
        workloads.some(w =>
          selects(
            budget.spec.selector.matchLabels,
            w.spec.template.metadata.labels,
          ),
        ),
      ).toBe(true);
    }
  });

  it('lets a drain take one pod at a time, even of a single-replica workload', () => {
    for (const budget of budgets) {
      expect(budget.spec.maxUnavailable).toBe(1);
      expect(budget.spec).not.toHaveProperty('minAvailable');
      expect(budget.spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
    }
  });
});

describe('renderDisruptionBudgets', () => {
  it('names budgets after their component and puts them in pdb.yaml', () => {
    const { objects, files } = renderFamily(renderDisruptionBudgets, {
      name: 'todo',
    });
    expect(objects.map(o => o.metadata.name)).toEqual([
      'todo-frontend',
      'todo-backend',
      'todo-mcp',
      'todo-postgres',
      'todo-redis',
      'todo-postgres-exporter',
      'todo-redis-exporter',
    ]);
    expect(new Set(files)).toEqual(new Set(['pdb.yaml']));
  });
});
