import { goodStack } from '../__testUtils__/fixtures';
import { explicitNamespace } from './explicitNamespace';

describe('explicit-namespace', () => {
  it('passes objects that state their namespace', () => {
    expect(explicitNamespace.check(goodStack())).toEqual([]);
  });

  it('rejects a namespaced object without one, but not a cluster-scoped one', () => {
    const stack = goodStack();
    delete stack[0].object.metadata!.namespace;
    stack.push({
      object: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'todo' },
      },
      file: 'k8s/namespace.yaml',
      document: 0,
    });
    expect(explicitNamespace.check(stack)).toEqual([
      expect.objectContaining({
        object: stack[0],
        field: 'metadata.namespace',
        problem: 'must be set',
      }),
    ]);
  });
});
