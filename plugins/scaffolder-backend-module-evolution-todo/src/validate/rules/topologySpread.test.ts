import { backendPod, find, goodStack } from '../__testUtils__/fixtures';
import { topologySpread } from './topologySpread';

describe('topology-spread', () => {
  it('passes a spread Deployment', () => {
    expect(topologySpread.check(goodStack())).toEqual([]);
  });

  it('warns about an autoscaled Deployment that is not spread', () => {
    const stack = goodStack();
    delete backendPod(stack).pod.topologySpreadConstraints;
    expect(topologySpread.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.template.spec.topologySpreadConstraints',
      }),
    ]);
  });

  it('accepts pod anti-affinity, and a single replica needs no spread', () => {
    const stack = goodStack();
    const { pod } = backendPod(stack);
    delete pod.topologySpreadConstraints;
    pod.affinity = {
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] },
    };
    expect(topologySpread.check(stack)).toEqual([]);
    delete pod.affinity;
    const single = stack.filter(
      o => o.object.kind !== 'HorizontalPodAutoscaler',
    );
    (find(single, 'Deployment') as any).spec.replicas = 1;
    expect(topologySpread.check(single)).toEqual([]);
  });
});
