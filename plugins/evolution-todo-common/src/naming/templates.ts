/**
 * The golden path's Template entities (templates/ in the workspace): the one
 * that creates a repository and the one that upgrades it.
 */
export const TEMPLATE_NAMES = {
  create: 'evolution-todo-kubernetes',
  upgrade: 'evolution-todo-upgrade',
} as const;

/**
 * Orders two template versions (semver x.y.z): negative when `a` is older.
 * Anything that is not x.y.z sorts as equal, so no upgrade is suggested on a
 * version nobody can read.
 */
export function compareTemplateVersions(a: string, b: string): number {
  const parse = (v: string) =>
    /^\d+\.\d+\.\d+$/.test(v) ? v.split('.').map(Number) : undefined;
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) return 0;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}
