/** Small helpers the bench scripts share: their numbers, their command-line options and garbage collection. */

/** The median: the middle value, or the mean of the two middle ones. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The value below which the given share of the values falls, e.g. 0.95 for p95. */
export function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

/** A positive whole-number option `--name N` from the command line, or the fallback. */
export function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} needs a positive whole number`);
  }
  return value;
}

/** `--name value` from the command line, if given. */
export function stringOption(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/**
 * A full garbage collection, for measurements that must not pay for earlier
 * garbage (the bench's yarn script runs node with --expose-gc). Twice: the
 * first pass may only finalize what the second frees.
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error(
      'run with node --expose-gc (the bench:* scripts in package.json do)',
    );
  }
  gc();
  gc();
}
