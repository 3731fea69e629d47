import { containerRule } from './helpers';

/** The tag of an image reference, or undefined; a digest pins the image by itself. */
export function imageTag(image: string): { tag?: string; digest: boolean } {
  if (image.includes('@')) {
    return { digest: true };
  }
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return {
    tag: colon === -1 ? undefined : image.slice(colon + 1),
    digest: false,
  };
}

export const pinnedImageTag = containerRule(
  {
    id: 'pinned-image-tag',
    severity: 'error',
    description:
      'Every image is pinned by a version tag or a digest; never `latest` or no tag, which make rollouts and rollbacks unrepeatable.',
  },
  ctx => {
    const field = `${ctx.path}.image`;
    const image = ctx.container.image;
    if (typeof image !== 'string' || image === '') {
      return [{ field, problem: 'must be set' }];
    }
    const { tag, digest } = imageTag(image);
    if (digest) {
      return [];
    }
    if (!tag) {
      return [
        {
          field,
          problem: `must pin a tag: "${image}" has none (means latest)`,
        },
      ];
    }
    if (tag === 'latest') {
      return [
        { field, problem: `must pin a version, not "latest" ("${image}")` },
      ];
    }
    return [];
  },
);
