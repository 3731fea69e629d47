import { backendPod, find, goodStack } from '../__testUtils__/fixtures';
import { startupProbe } from './startupProbe';

describe('startup-probe', () => {
  it('passes an app with a startup probe', () => {
    expect(startupProbe.check(goodStack())).toEqual([]);
  });

  it('rejects an app without one', () => {
    const stack = goodStack();
    delete backendPod(stack).container.startupProbe;
    expect(startupProbe.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.template.spec.containers[0].startupProbe',
        problem: 'must be set',
      }),
    ]);
  });

  it('does not ask data stores for one', () => {
    const stack = goodStack();
    delete backendPod(stack).container.startupProbe;
    find(stack, 'Deployment').metadata!.labels!['app.kubernetes.io/component'] =
      'redis';
    expect(startupProbe.check(stack)).toEqual([]);
  });
});
