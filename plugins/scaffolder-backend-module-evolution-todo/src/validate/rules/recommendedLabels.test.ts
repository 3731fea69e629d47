import { find, goodStack } from '../__testUtils__/fixtures';
import { recommendedLabels } from './recommendedLabels';

describe('recommended-labels', () => {
  it('passes objects with the app.kubernetes.io labels', () => {
    expect(recommendedLabels.check(goodStack())).toEqual([]);
  });

  it('warns, label by label', () => {
    const stack = goodStack();
    const labels = find(stack, 'Service').metadata!.labels!;
    delete labels['app.kubernetes.io/version'];
    delete labels['app.kubernetes.io/managed-by'];
    expect(recommendedLabels.check(stack).map(v => v.field)).toEqual([
      'metadata.labels["app.kubernetes.io/version"]',
      'metadata.labels["app.kubernetes.io/managed-by"]',
    ]);
    expect(recommendedLabels.severity).toBe('warning');
  });
});
