import fs from 'node:fs';
import path from 'node:path';

/**
 * A package's "packedFolders" (package.json): for each workspace folder the
 * package reads at run time, the name of its copy inside the package → the
 * workspace folder, relative to the package's folder. scripts/packed-folders.cjs
 * writes the copies on prepack and removes them on postpack.
 */
export type PackedFolders = Readonly<Record<string, string>>;

/**
 * Where a package installed at `packageDir` finds the folder it packs as
 * `name`: the packed copy when it holds every required file (an installed
 * package, which has no workspace around it), else the workspace folder, the
 * one source. Both the scaffolder module (Dockerfile templates) and the CLI
 * (the template it runs) find their folders this way, so the rule lives here
 * only. Fails naming what was missing and every place looked at.
 */
export function findPackedFolder(options: {
  packageDir: string;
  packedFolders: PackedFolders;
  name: string;
  /** Paths below the folder that must exist for it to count. */
  requiredFiles: readonly string[];
  /** What the folder holds, for the error: "The Dockerfile templates". */
  what: string;
  /** The required files in a short form, for the error (default: the list). */
  describeRequired?: string;
}): string {
  const workspaceFolder = options.packedFolders[options.name];
  if (workspaceFolder === undefined) {
    throw new Error(`package.json declares no packed folder ${options.name}`);
  }
  const candidates = [options.name, workspaceFolder].map(location =>
    path.resolve(options.packageDir, location),
  );
  const found = candidates.find(dir =>
    options.requiredFiles.every(file => fs.existsSync(path.join(dir, file))),
  );
  if (!found) {
    throw new Error(
      `${options.what} are missing: looked for ${
        options.describeRequired ?? options.requiredFiles.join(', ')
      } in ${candidates.join(' and ')}`,
    );
  }
  return found;
}
