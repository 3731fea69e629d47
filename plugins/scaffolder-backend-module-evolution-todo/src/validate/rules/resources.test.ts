import { backendPod, goodStack } from '../__testUtils__/fixtures';
import { resources } from './resources';

describe('resources', () => {
  it('passes requests within limits', () => {
    expect(resources.check(goodStack())).toEqual([]);
  });

  it('names every missing request and limit', () => {
    const stack = goodStack();
    backendPod(stack).container.resources = { requests: { cpu: '100m' } };
    expect(resources.check(stack).map(v => v.field)).toEqual([
      'spec.template.spec.containers[0].resources.limits.cpu',
      'spec.template.spec.containers[0].resources.requests.memory',
      'spec.template.spec.containers[0].resources.limits.memory',
    ]);
  });

  it('compares quantities across units', () => {
    const stack = goodStack();
    backendPod(stack).container.resources = {
      requests: { cpu: '1', memory: '1Gi' },
      limits: { cpu: '500m', memory: '2048Mi' },
    };
    expect(resources.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.template.spec.containers[0].resources.requests.cpu',
        problem: 'must not exceed limits.cpu (1 > 500m)',
      }),
    ]);
  });
});
