import { createStepInputRenderer } from './stepInput';

const render = createStepInputRenderer();
const context = {
  parameters: {
    name: 'todo',
    frontend: { replicas: 2, autoscaling: { enabled: false } },
    tags: ['a', 'b'],
  },
  steps: {
    resolve: {
      output: { skeletonValues: { name: 'todo', redisEnabled: true } },
    },
  },
};

describe('createStepInputRenderer', () => {
  it('keeps the type of a sole expression: objects, arrays, booleans', () => {
    expect(
      render(
        {
          frontend: '${{ parameters.frontend }}',
          tags: '${{ parameters.tags }}',
          values: '${{ steps.resolve.output.skeletonValues }}',
          plain: 42,
        },
        context,
      ),
    ).toEqual({
      frontend: { replicas: 2, autoscaling: { enabled: false } },
      tags: ['a', 'b'],
      values: { name: 'todo', redisEnabled: true },
      plain: 42,
    });
  });

  it('drops a key whose expression renders nothing, and supports the template fallbacks', () => {
    expect(
      render(
        {
          parameters: {
            name: '${{ parameters.name }}',
            owner: '${{ parameters.owner }}',
            namespace: '${{ parameters.namespace or parameters.name }}',
          },
        },
        context,
      ),
    ).toEqual({ parameters: { name: 'todo', namespace: 'todo' } });
  });

  it('renders text around expressions as a string, and keeps what cannot render as written', () => {
    expect(
      render(
        {
          title: 'Repo ${{ parameters.name }}',
          broken: '${{ parameters.name | no_such_filter }}',
        },
        context,
      ),
    ).toEqual({
      title: 'Repo todo',
      broken: '${{ parameters.name | no_such_filter }}',
    });
  });
});
