import { isDeepStrictEqual } from 'node:util';

/**
 * Step statuses of a task or dry-run, for `toEqual({ statuses: expected, log: '' })`:
 * when they differ from the expected ones, the task's log comes along, which
 * says why a step failed.
 */
export function stepReport(
  actual: Record<string, string>,
  expected: Record<string, string>,
  log: string,
) {
  return {
    statuses: actual,
    log: isDeepStrictEqual(actual, expected) ? '' : log,
  };
}
