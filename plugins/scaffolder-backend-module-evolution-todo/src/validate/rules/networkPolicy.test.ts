import { find, goodStack } from '../__testUtils__/fixtures';
import { networkPolicyDefaultDeny } from './networkPolicy';

describe('network-policy-default-deny', () => {
  it('passes a namespace with a default-deny policy', () => {
    expect(networkPolicyDefaultDeny.check(goodStack())).toEqual([]);
  });

  it('rejects a namespace without one, once', () => {
    const stack = goodStack().filter(o => o.object.kind !== 'NetworkPolicy');
    const second = JSON.parse(
      JSON.stringify(stack.find(o => o.object.kind === 'Deployment')),
    );
    second.object.metadata.name = 'todo-frontend';
    expect(networkPolicyDefaultDeny.check([...stack, second])).toEqual([
      expect.objectContaining({
        field: 'metadata.namespace',
        problem: 'namespace "todo" has no default-deny ingress NetworkPolicy',
      }),
    ]);
  });

  it('does not count a policy that selects some pods or allows ingress', () => {
    const stack = goodStack();
    const policy: any = find(stack, 'NetworkPolicy');
    policy.spec.ingress = [{ from: [{ podSelector: {} }] }];
    expect(networkPolicyDefaultDeny.check(stack)).toHaveLength(1);
    delete policy.spec.ingress;
    policy.spec.podSelector = { matchLabels: { app: 'x' } };
    expect(networkPolicyDefaultDeny.check(stack)).toHaveLength(1);
  });
});
