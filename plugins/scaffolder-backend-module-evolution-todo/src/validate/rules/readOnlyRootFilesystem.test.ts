import { backendPod, goodStack } from '../__testUtils__/fixtures';
import { readOnlyRootFilesystem } from './readOnlyRootFilesystem';

describe('read-only-root-filesystem', () => {
  it('passes containers with a read-only root', () => {
    expect(readOnlyRootFilesystem.check(goodStack())).toEqual([]);
  });

  it.each([[false], [undefined]])(
    'rejects readOnlyRootFilesystem %s',
    value => {
      const stack = goodStack();
      backendPod(stack).container.securityContext.readOnlyRootFilesystem =
        value;
      expect(readOnlyRootFilesystem.check(stack)).toEqual([
        expect.objectContaining({
          field:
            'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
        }),
      ]);
    },
  );

  it('checks init containers too', () => {
    const stack = goodStack();
    backendPod(stack).pod.initContainers = [{ name: 'migrate', image: 'x:1' }];
    expect(readOnlyRootFilesystem.check(stack).map(v => v.field)).toEqual([
      'spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem',
    ]);
  });
});
