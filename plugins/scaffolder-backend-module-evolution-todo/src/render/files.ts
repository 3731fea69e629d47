import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { existsSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A file an action writes, relative to its output root. */
export interface RenderedFile {
  path: string;
  content: string;
  /** Scripts are written executable. */
  executable?: boolean;
}

/** Places files under a folder: `underFolder("helm/evolution-todo", files)`. */
export function underFolder(
  folder: string,
  files: RenderedFile[],
): RenderedFile[] {
  return files.map(file => ({
    ...file,
    path: path.posix.join(folder, file.path),
  }));
}

/**
 * Resolves every target first and writes only when all are inside the root,
 * so a bad path writes nothing.
 *
 * Each folder is created once and the files are written concurrently: the
 * chart step writes 44 files, and a mkdir and a write awaited per file, one
 * after the other, made it wait for ~90 round trips through libuv's thread
 * pool, each slow on a busy machine (the portal runs dry-runs for everyone).
 */
export async function writeRenderedFiles(
  root: string,
  files: RenderedFile[],
): Promise<string[]> {
  const targets = files.map(file => ({
    file,
    target: resolveSafeChildPath(root, file.path),
  }));
  // Two files for one path: the later one wins, as when they were written in turn.
  const last = new Map(targets.map(t => [t.target, t.file]));
  const folders = new Set([...last.keys()].map(target => path.dirname(target)));
  await Promise.all(
    [...folders].map(folder => fs.mkdir(folder, { recursive: true })),
  );
  await Promise.all(
    [...last].map(([target, file]) =>
      fs.writeFile(target, file.content, {
        mode: file.executable ? 0o755 : 0o644,
      }),
    ),
  );
  return targets.map(({ target }) => target);
}

/** Every file below a folder, as sorted POSIX paths relative to it (none for a missing folder). */
export function listFiles(root: string): string[] {
  if (!existsSync(root)) {
    return [];
  }
  const walk = (relative: string): string[] =>
    readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap(
      entry => {
        const child = path.posix.join(relative, entry.name);
        return entry.isDirectory() ? walk(child) : [child];
      },
    );
  return walk('').sort();
}
