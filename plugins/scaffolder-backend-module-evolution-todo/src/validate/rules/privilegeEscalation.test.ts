import { backendPod, goodStack } from '../__testUtils__/fixtures';
import { noPrivilegeEscalation } from './privilegeEscalation';

describe('no-privilege-escalation', () => {
  it('passes allowPrivilegeEscalation false', () => {
    expect(noPrivilegeEscalation.check(goodStack())).toEqual([]);
  });

  it('rejects a missing setting (the default allows escalation) and privileged', () => {
    const stack = goodStack();
    const { container } = backendPod(stack);
    delete container.securityContext.allowPrivilegeEscalation;
    container.securityContext.privileged = true;
    expect(noPrivilegeEscalation.check(stack).map(v => v.field)).toEqual([
      'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
      'spec.template.spec.containers[0].securityContext.privileged',
    ]);
  });
});
