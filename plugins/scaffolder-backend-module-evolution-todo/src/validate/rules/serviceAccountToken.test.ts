import { backendPod, find, goodStack } from '../__testUtils__/fixtures';
import { serviceAccountToken } from './serviceAccountToken';

describe('service-account-token', () => {
  it('passes a dedicated ServiceAccount without a mounted token', () => {
    expect(serviceAccountToken.check(goodStack())).toEqual([]);
  });

  it('accepts the setting on the ServiceAccount alone', () => {
    const stack = goodStack();
    delete backendPod(stack).pod.automountServiceAccountToken;
    expect(serviceAccountToken.check(stack)).toEqual([]);
  });

  it('rejects a ServiceAccount that mounts tokens, and the pods that inherit it', () => {
    const stack = goodStack();
    delete find(stack, 'ServiceAccount').automountServiceAccountToken;
    delete backendPod(stack).pod.automountServiceAccountToken;
    expect(
      serviceAccountToken
        .check(stack)
        .map(v => [v.object.object.kind, v.field]),
    ).toEqual([
      ['ServiceAccount', 'automountServiceAccountToken'],
      ['Deployment', 'spec.template.spec.automountServiceAccountToken'],
    ]);
  });

  it('rejects the default ServiceAccount and an explicit token mount', () => {
    const stack = goodStack();
    const { pod } = backendPod(stack);
    delete pod.serviceAccountName;
    pod.automountServiceAccountToken = true;
    expect(serviceAccountToken.check(stack).map(v => v.field)).toEqual([
      'spec.template.spec.serviceAccountName',
      'spec.template.spec.automountServiceAccountToken',
    ]);
  });
});
