import { backendPod, goodStack } from '../__testUtils__/fixtures';
import { imageTag, pinnedImageTag } from './imageTag';

describe('pinned-image-tag', () => {
  it('passes version tags and digests', () => {
    const stack = goodStack();
    expect(pinnedImageTag.check(stack)).toEqual([]);
    backendPod(
      stack,
    ).container.image = `registry.local:5000/team/app@sha256:${'a'.repeat(64)}`;
    expect(pinnedImageTag.check(stack)).toEqual([]);
  });

  it.each([
    ['ghcr.io/acme/app:latest', 'not "latest"'],
    ['ghcr.io/acme/app', 'has none'],
    ['registry.local:5000/acme/app', 'has none'],
  ])('rejects %s', (image, problem) => {
    const stack = goodStack();
    backendPod(stack).container.image = image;
    const [violation] = pinnedImageTag.check(stack);
    expect(violation.field).toBe('spec.template.spec.containers[0].image');
    expect(violation.problem).toContain(problem);
  });

  it('tells a registry port from a tag', () => {
    expect(imageTag('registry.local:5000/app:1.2')).toEqual({
      tag: '1.2',
      digest: false,
    });
    expect(imageTag('registry.local:5000/app')).toEqual({
      tag: undefined,
      digest: false,
    });
  });
});
