import { backendPod, find, goodStack } from '../__testUtils__/fixtures';
import { preStopHook } from './preStopHook';

describe('prestop-hook', () => {
  it('passes an app Deployment with a preStop hook', () => {
    expect(preStopHook.check(goodStack())).toEqual([]);
  });

  it('warns about an app Deployment without one', () => {
    const stack = goodStack();
    delete backendPod(stack).container.lifecycle;
    expect(preStopHook.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.template.spec.containers[0].lifecycle.preStop',
      }),
    ]);
    expect(preStopHook.severity).toBe('warning');
  });

  it('leaves data stores alone', () => {
    const stack = goodStack();
    delete backendPod(stack).container.lifecycle;
    find(stack, 'Deployment').metadata!.labels!['app.kubernetes.io/component'] =
      'redis';
    expect(preStopHook.check(stack)).toEqual([]);
  });
});
