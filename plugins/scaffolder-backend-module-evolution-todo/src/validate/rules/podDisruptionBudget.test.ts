import { find, goodStack } from '../__testUtils__/fixtures';
import { podDisruptionBudget } from './podDisruptionBudget';

describe('pod-disruption-budget', () => {
  it('passes a workload whose pods a PDB selects', () => {
    expect(podDisruptionBudget.check(goodStack())).toEqual([]);
  });

  it('rejects a workload without a PDB', () => {
    const stack = goodStack().filter(
      o => o.object.kind !== 'PodDisruptionBudget',
    );
    expect(podDisruptionBudget.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.template.metadata.labels',
        problem: expect.stringContaining('no PodDisruptionBudget'),
      }),
    ]);
  });

  it('rejects a PDB that selects other pods or lives in another namespace', () => {
    const stack = goodStack();
    (find(stack, 'PodDisruptionBudget') as any).spec.selector.matchLabels[
      'app.kubernetes.io/component'
    ] = 'frontend';
    expect(podDisruptionBudget.check(stack)).toHaveLength(1);
    const other = goodStack();
    find(other, 'PodDisruptionBudget').metadata!.namespace = 'elsewhere';
    expect(podDisruptionBudget.check(other)).toHaveLength(1);
  });

  it('requires one for a Deployment with several static replicas', () => {
    const stack = goodStack().filter(
      o =>
        !['PodDisruptionBudget', 'HorizontalPodAutoscaler'].includes(
          o.object.kind,
        ),
    );
    (find(stack, 'Deployment') as any).spec.replicas = 3;
    expect(podDisruptionBudget.check(stack)).toHaveLength(1);
  });

  it.each([[0], [1]])(
    'does not require one for %s replicas (an idle blue-green colour, a single store)',
    replicas => {
      const stack = goodStack().filter(
        o =>
          !['PodDisruptionBudget', 'HorizontalPodAutoscaler'].includes(
            o.object.kind,
          ),
      );
      (find(stack, 'Deployment') as any).spec.replicas = replicas;
      expect(podDisruptionBudget.check(stack)).toEqual([]);
    },
  );
});
