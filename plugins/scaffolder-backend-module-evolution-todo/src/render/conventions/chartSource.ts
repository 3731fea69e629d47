import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** Where the chart's sources (Chart.yaml, templates/, NOTES.txt...) live in this package. */
export function chartSourceDir(): string {
  return resolvePackagePath(
    '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo',
    'chart/evolution-todo',
  );
}
