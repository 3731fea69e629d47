import { backendPod, goodStack } from '../__testUtils__/fixtures';
import { runAsNonRoot } from './runAsNonRoot';

describe('run-as-non-root', () => {
  it('passes pods that run as a high numeric UID', () => {
    expect(runAsNonRoot.check(goodStack())).toEqual([]);
  });

  it('lets the container override the pod', () => {
    const stack = goodStack();
    const { pod, container } = backendPod(stack);
    delete pod.securityContext.runAsUser;
    container.securityContext.runAsUser = 20000;
    expect(runAsNonRoot.check(stack)).toEqual([]);
  });

  it('rejects a UID below 10000, at the field that sets it', () => {
    const stack = goodStack();
    backendPod(stack).container.securityContext.runAsUser = 1000;
    expect(runAsNonRoot.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.template.spec.containers[0].securityContext.runAsUser',
        problem: 'must be ≥ 10000, is 1000',
      }),
    ]);
  });

  it('rejects root and a missing runAsNonRoot', () => {
    const stack = goodStack();
    const { pod } = backendPod(stack);
    pod.securityContext.runAsUser = 0;
    delete pod.securityContext.runAsNonRoot;
    expect(runAsNonRoot.check(stack).map(v => v.field)).toEqual([
      'spec.template.spec.containers[0].securityContext.runAsNonRoot',
      'spec.template.spec.securityContext.runAsUser',
    ]);
  });

  it('rejects a pod that leaves the UID to the image', () => {
    const stack = goodStack();
    delete backendPod(stack).pod.securityContext.runAsUser;
    expect(runAsNonRoot.check(stack)[0].problem).toContain('numeric UID');
  });
});
