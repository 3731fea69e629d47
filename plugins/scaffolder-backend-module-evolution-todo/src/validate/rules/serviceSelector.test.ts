import { find, goodStack } from '../__testUtils__/fixtures';
import { serviceSelector } from './serviceSelector';

describe('service-selects-pods', () => {
  it('passes a Service that selects pods declaring its target port', () => {
    expect(serviceSelector.check(goodStack())).toEqual([]);
  });

  it('rejects a selector that matches no pod template', () => {
    const stack = goodStack();
    (find(stack, 'Service') as any).spec.selector[
      'app.kubernetes.io/component'
    ] = 'api';
    expect(serviceSelector.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.selector',
        problem: 'selects no pod template among the objects',
      }),
    ]);
  });

  it('rejects a named targetPort no container declares', () => {
    const stack = goodStack();
    (find(stack, 'Service') as any).spec.ports[0].targetPort = 'web';
    expect(serviceSelector.check(stack)).toEqual([
      expect.objectContaining({ field: 'spec.ports[0].targetPort' }),
    ]);
  });

  it('ignores Services without a selector', () => {
    const stack = goodStack();
    delete (find(stack, 'Service') as any).spec.selector;
    expect(serviceSelector.check(stack)).toEqual([]);
  });
});
