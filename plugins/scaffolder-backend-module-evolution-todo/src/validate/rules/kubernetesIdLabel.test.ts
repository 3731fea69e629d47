import { find, goodStack } from '../__testUtils__/fixtures';
import { kubernetesIdLabel } from './kubernetesIdLabel';

const ID = 'backstage.io/kubernetes-id';

describe('kubernetes-id-label', () => {
  it('passes objects and pod templates that carry the id', () => {
    expect(kubernetesIdLabel.check(goodStack())).toEqual([]);
  });

  it('rejects an object without it', () => {
    const stack = goodStack();
    delete find(stack, 'Service').metadata!.labels![ID];
    expect(kubernetesIdLabel.check(stack)).toEqual([
      expect.objectContaining({
        field: 'metadata.labels["backstage.io/kubernetes-id"]',
      }),
    ]);
  });

  it('rejects a pod template without it or with another value', () => {
    const stack = goodStack();
    const labels = (find(stack, 'Deployment') as any).spec.template.metadata
      .labels;
    labels[ID] = 'other';
    expect(kubernetesIdLabel.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.template.metadata.labels["backstage.io/kubernetes-id"]',
        problem: 'must equal the object\'s value "todo", is "other"',
      }),
    ]);
    delete labels[ID];
    expect(kubernetesIdLabel.check(stack)[0].problem).toBe('must be set');
  });
});
