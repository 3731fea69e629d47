#!/usr/bin/env node
/*
 * Packs the workspace folders a package reads at run time into the package.
 *
 * An installed package has no workspace around it, so a folder it reads (the
 * scaffolder module's Dockerfile templates from docker/, the CLI's template
 * from templates/evolution-todo) must travel inside it. The package's
 * package.json names them in "packedFolders", copy name → workspace folder
 * relative to the package:
 *
 *   "packedFolders": { "docker-templates": "../../docker" }
 *
 * `prepack` copies each folder to its name in the package (listed in "files",
 * git-ignored) and `postpack` removes the copies again. At run time the
 * package's findPackedFolder (the scaffolder module's src/packedFolders.ts)
 * reads the copy when it exists, else the workspace folder: the one rule.
 *
 *   node ../../scripts/packed-folders.cjs copy | remove     (in the package's folder)
 */
const fs = require('node:fs');
const path = require('node:path');

const packageDir = process.cwd();
const { packedFolders = {} } = JSON.parse(
  fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
);

const [command] = process.argv.slice(2);
if (command !== 'copy' && command !== 'remove') {
  console.error('usage: node ../../scripts/packed-folders.cjs copy | remove');
  process.exit(2);
}
for (const [name, workspaceFolder] of Object.entries(packedFolders)) {
  const target = path.join(packageDir, name);
  fs.rmSync(target, { recursive: true, force: true });
  if (command === 'copy') {
    const source = path.resolve(packageDir, workspaceFolder);
    if (!fs.existsSync(source)) {
      console.error(`packed-folders: ${name}: no folder at ${source}`);
      process.exit(1);
    }
    fs.cpSync(source, target, { recursive: true });
  }
}
