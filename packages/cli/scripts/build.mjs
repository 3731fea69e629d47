#!/usr/bin/env node
/*
 * Builds the headless CLI (src/main.ts) into one JavaScript file,
 * dist/evolution-todo.cjs, which scripts/evolution-todo and this package's
 * bin run: no TypeScript is transpiled when a user runs the CLI.
 *
 *   node packages/cli/scripts/build.mjs        (yarn build in packages/cli)
 *
 * scripts/bootstrap.sh runs it at set-up and again whenever a source the CLI
 * is built from is newer than the built file. This workspace's own packages
 * (@evolution-todo/*) are bundled from their TypeScript sources; every other
 * package stays a require() of node_modules, as in the portal.
 */
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
export const CLI_OUTFILE = path.join(PACKAGE_DIR, 'dist/evolution-todo.cjs');

await esbuild.build({
  entryPoints: [path.join(PACKAGE_DIR, 'src/main.ts')],
  outfile: CLI_OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Node caches the compiled code of every module the CLI loads (Node >= 22.1;
  // older versions lack the function and skip it): later runs skip compiling.
  banner: {
    js: "require('node:module').enableCompileCache?.(require('node:path').join(__dirname, '.compile-cache'));",
  },
  plugins: [
    {
      name: 'workspace-sources-only',
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, args =>
          args.path.startsWith('@evolution-todo/')
            ? undefined
            : { path: args.path, external: true },
        );
      },
    },
  ],
});
