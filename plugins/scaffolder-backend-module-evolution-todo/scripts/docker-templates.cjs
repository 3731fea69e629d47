#!/usr/bin/env node
/*
 * Puts the Dockerfile templates into the package while it is packed.
 *
 * The workspace's top-level docker/ folder is their one source; an installed
 * package has no workspace around it, so `prepack` copies docker/ to
 * docker-templates/ here (listed in "files", git-ignored) and `postpack`
 * removes the copy again. src/render/docker/templates.ts reads the copy when
 * it exists, else the workspace folder.
 *
 *   node scripts/docker-templates.cjs copy | remove
 */
const fs = require('node:fs');
const path = require('node:path');

const packageDir = path.resolve(__dirname, '..');
const source = path.resolve(packageDir, '../../docker');
const target = path.join(packageDir, 'docker-templates');

const [command] = process.argv.slice(2);
if (command === 'copy') {
  if (!fs.existsSync(path.join(source, 'README.md'))) {
    console.error(`docker-templates: no Dockerfile templates at ${source}`);
    process.exit(1);
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(source, target, { recursive: true });
} else if (command === 'remove') {
  fs.rmSync(target, { recursive: true, force: true });
} else {
  console.error('usage: node scripts/docker-templates.cjs copy | remove');
  process.exit(2);
}
