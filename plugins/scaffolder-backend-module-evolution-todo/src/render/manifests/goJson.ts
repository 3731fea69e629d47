import { createHash } from 'node:crypto';

/**
 * JSON exactly as Helm's `toJson` (Go's encoding/json) writes it: object keys
 * sorted, no whitespace, and <, >, &, U+2028 and U+2029 escaped as \uXXXX.
 * Lets TypeScript reproduce hashes the chart computes with `toJson | sha256sum`.
 * Keys are compared by UTF-16 code units, which equals Go's byte order for the
 * ASCII keys Kubernetes allows in ConfigMaps.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(
    /[<>&\u2028\u2029]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map(key => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Hex sha256, as Helm's `sha256sum`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
