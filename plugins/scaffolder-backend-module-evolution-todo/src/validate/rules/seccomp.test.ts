import { backendPod, goodStack } from '../__testUtils__/fixtures';
import { seccompRuntimeDefault } from './seccomp';

describe('seccomp-runtime-default', () => {
  it('passes the RuntimeDefault profile set on the pod', () => {
    expect(seccompRuntimeDefault.check(goodStack())).toEqual([]);
  });

  it('rejects Unconfined on the container, even when the pod is confined', () => {
    const stack = goodStack();
    backendPod(stack).container.securityContext.seccompProfile = {
      type: 'Unconfined',
    };
    expect(seccompRuntimeDefault.check(stack)).toEqual([
      expect.objectContaining({
        field:
          'spec.template.spec.containers[0].securityContext.seccompProfile.type',
        problem: 'must be RuntimeDefault, is "Unconfined"',
      }),
    ]);
  });

  it('rejects a pod without a profile', () => {
    const stack = goodStack();
    delete backendPod(stack).pod.securityContext.seccompProfile;
    expect(seccompRuntimeDefault.check(stack)).toHaveLength(1);
  });
});
