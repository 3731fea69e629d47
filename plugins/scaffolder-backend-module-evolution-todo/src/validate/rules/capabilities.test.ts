import { backendPod, goodStack } from '../__testUtils__/fixtures';
import { dropAllCapabilities } from './capabilities';

describe('drop-all-capabilities', () => {
  it('passes containers that drop ALL (and may add NET_BIND_SERVICE)', () => {
    const stack = goodStack();
    backendPod(stack).container.securityContext.capabilities.add = [
      'NET_BIND_SERVICE',
    ];
    expect(dropAllCapabilities.check(stack)).toEqual([]);
  });

  it('rejects a container that keeps the default capabilities', () => {
    const stack = goodStack();
    delete backendPod(stack).container.securityContext.capabilities;
    expect(dropAllCapabilities.check(stack)).toEqual([
      expect.objectContaining({
        field:
          'spec.template.spec.containers[0].securityContext.capabilities.drop',
        problem: 'must include "ALL"',
      }),
    ]);
  });

  it('rejects added capabilities', () => {
    const stack = goodStack();
    backendPod(stack).container.securityContext.capabilities.add = [
      'NET_ADMIN',
    ];
    expect(dropAllCapabilities.check(stack)).toEqual([
      expect.objectContaining({
        field:
          'spec.template.spec.containers[0].securityContext.capabilities.add[0]',
      }),
    ]);
  });
});
