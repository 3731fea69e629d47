import fs from 'node:fs';
import path from 'node:path';
import { packagePath } from '../../packagePath';
import { listFiles, type RenderedFile } from '../files';

/** Where the chart's sources (Chart.yaml, templates/, NOTES.txt...) live in this package. */
export function chartSourceDir(): string {
  return packagePath('chart/evolution-todo');
}

let sourceFiles: readonly Readonly<RenderedFile>[] | undefined;

/**
 * Every file of the chart's sources, with paths relative to the chart, sorted;
 * read once per process. They ship with this package and do not change while
 * it runs, and reading 41 files synchronously on every render blocked the
 * portal's event loop for every other request (dry-runs run in the portal).
 */
export function chartSourceFiles(): readonly Readonly<RenderedFile>[] {
  if (!sourceFiles) {
    const dir = chartSourceDir();
    sourceFiles = Object.freeze(
      listFiles(dir).map(file =>
        Object.freeze({
          path: file,
          content: fs.readFileSync(path.join(dir, file), 'utf8'),
        }),
      ),
    );
  }
  return sourceFiles;
}
