import { find, goodStack } from '../__testUtils__/fixtures';
import { prometheusReleaseLabel } from './prometheusReleaseLabel';

describe('prometheus-release-label', () => {
  it('passes ServiceMonitors and rules with a release label', () => {
    expect(prometheusReleaseLabel.check(goodStack())).toEqual([]);
  });

  it('warns when kube-prometheus-stack would not select them', () => {
    const stack = goodStack();
    delete find(stack, 'PrometheusRule').metadata!.labels!.release;
    expect(prometheusReleaseLabel.check(stack)).toEqual([
      expect.objectContaining({ field: 'metadata.labels.release' }),
    ]);
  });
});
