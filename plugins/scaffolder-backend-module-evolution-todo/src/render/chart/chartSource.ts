import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';

/** Where the chart's sources (Chart.yaml, templates/, NOTES.txt...) live in this package. */
export function chartSourceDir(): string {
  return resolvePackagePath(
    '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo',
    'chart/evolution-todo',
  );
}

/** Every file of the chart source, as paths relative to the chart root, sorted. */
export function listChartSourceFiles(dir = chartSourceDir()): string[] {
  const walk = (relative: string): string[] =>
    fs
      .readdirSync(path.join(dir, relative), { withFileTypes: true })
      .flatMap(entry => {
        const child = path.posix.join(relative, entry.name);
        return entry.isDirectory() ? walk(child) : [child];
      });
  return walk('').sort();
}
