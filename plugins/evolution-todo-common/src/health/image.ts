import type { ImageSummary } from './types';

/**
 * The tag of an image reference: `ghcr.io/org/app:1.2.3` → 1.2.3,
 * `repo@sha256:abc…` → sha256:abcdef123456 (shortened), `redis` → latest.
 */
export function summarizeImage(
  reference: string | undefined,
): ImageSummary | undefined {
  if (!reference) return undefined;
  const at = reference.indexOf('@');
  if (at >= 0) {
    const digest = reference.slice(at + 1);
    const tagged = summarizeImage(reference.slice(0, at));
    const shortDigest = digest.slice(0, digest.indexOf(':') + 13);
    // A tag next to a digest is what people recognise; the digest is what runs.
    return {
      reference,
      tag: tagged && tagged.tag !== 'latest' ? tagged.tag : shortDigest,
    };
  }
  const lastSlash = reference.lastIndexOf('/');
  const colon = reference.indexOf(':', lastSlash + 1);
  return {
    reference,
    tag: colon >= 0 ? reference.slice(colon + 1) : 'latest',
  };
}

let lastReference: string | undefined;
let lastTag: string | undefined;

/**
 * Just the tag of summarizeImage, without building an object. Called for every
 * pod, whose images repeat, so the last answer is remembered.
 */
export function imageTag(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  if (reference === lastReference) return lastTag;
  let tag: string | undefined;
  if (reference.includes('@')) {
    tag = summarizeImage(reference)?.tag;
  } else {
    const colon = reference.indexOf(':', reference.lastIndexOf('/') + 1);
    tag = colon >= 0 ? reference.slice(colon + 1) : 'latest';
  }
  lastReference = reference;
  lastTag = tag;
  return tag;
}
