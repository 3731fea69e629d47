import { find, goodStack } from '../__testUtils__/fixtures';
import { workloadSelector } from './workloadSelector';

describe('workload-selector', () => {
  it('passes a selector that matches the template', () => {
    expect(workloadSelector.check(goodStack())).toEqual([]);
  });

  it('rejects a selector the template does not match, and an empty one', () => {
    const stack = goodStack();
    const deployment: any = find(stack, 'Deployment');
    deployment.spec.selector.matchLabels['app.kubernetes.io/component'] = 'api';
    expect(workloadSelector.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.selector',
        problem: 'does not match spec.template.metadata.labels',
      }),
    ]);
    deployment.spec.selector = {};
    expect(workloadSelector.check(stack)[0].problem).toContain('must select');
  });
});
