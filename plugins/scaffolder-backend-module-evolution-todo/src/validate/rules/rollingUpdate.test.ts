import { find, goodStack } from '../__testUtils__/fixtures';
import { rollingUpdate } from './rollingUpdate';

const strategyOf = (stack: ReturnType<typeof goodStack>) =>
  (find(stack, 'Deployment') as any).spec;

describe('rolling-update', () => {
  it('passes maxSurge 1 / maxUnavailable 0', () => {
    expect(rollingUpdate.check(goodStack())).toEqual([]);
  });

  it('rejects the default strategy (25% unavailable)', () => {
    const stack = goodStack();
    delete strategyOf(stack).strategy;
    expect(rollingUpdate.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.strategy.rollingUpdate.maxUnavailable',
        problem: 'must be 0 (the default is 25%)',
      }),
    ]);
  });

  it('rejects Recreate and a rollout that cannot progress', () => {
    const stack = goodStack();
    strategyOf(stack).strategy = { type: 'Recreate' };
    expect(rollingUpdate.check(stack)[0].field).toBe('spec.strategy.type');
    strategyOf(stack).strategy = {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 0, maxUnavailable: 0 },
    };
    expect(rollingUpdate.check(stack).map(v => v.field)).toEqual([
      'spec.strategy.rollingUpdate.maxSurge',
    ]);
  });
});
