import { find, goodStack } from '../__testUtils__/fixtures';
import { hpaTarget } from './hpaTarget';

describe('hpa-target', () => {
  it('passes an HPA whose Deployment leaves replicas to it', () => {
    expect(hpaTarget.check(goodStack())).toEqual([]);
  });

  it('rejects replicas on the targeted Deployment, at the Deployment', () => {
    const stack = goodStack();
    (find(stack, 'Deployment') as any).spec.replicas = 3;
    const [violation] = hpaTarget.check(stack);
    expect(violation.object.object.kind).toBe('Deployment');
    expect(violation.field).toBe('spec.replicas');
    expect(violation.problem).toContain(
      'HorizontalPodAutoscaler/todo/todo-backend scales',
    );
  });

  it('rejects a missing target and min > max', () => {
    const stack = goodStack();
    const hpa: any = find(stack, 'HorizontalPodAutoscaler');
    hpa.spec.scaleTargetRef.name = 'todo-api';
    hpa.spec.minReplicas = 12;
    expect(hpaTarget.check(stack).map(v => v.field)).toEqual([
      'spec.minReplicas',
      'spec.scaleTargetRef',
    ]);
  });
});
