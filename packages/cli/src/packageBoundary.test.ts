import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The CLI is a package of its own: it reaches the scaffolder module and
 * common only through their entry points (what they export is what they
 * promise), its run-time code never through a test entry point, and the
 * module, which the portal runs, never reaches the CLI.
 */
const CLI_SRC = __dirname;
const MODULE_SRC = path.resolve(
  require.resolve(
    '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/package.json',
  ),
  '../src',
);

const isTestFile = (file: string) =>
  /\.test\.ts$/.test(file) || file.split(path.sep).includes('__testUtils__');

/** Every .ts file below dir, and the module specifiers it imports. */
function importsBelow(dir: string): Array<{ file: string; from: string }> {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(file => file.endsWith('.ts'))
    .flatMap(file =>
      ts
        .preProcessFile(fs.readFileSync(path.join(dir, file), 'utf8'))
        .importedFiles.map(({ fileName }) => ({ file, from: fileName })),
    );
}

/** The package a bare specifier names, and the entry point below it: `@a/b/testUtils` → `testUtils`. */
function entryPoint(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(specifier.startsWith('@') ? 2 : 1).join('/');
}

describe('the CLI package boundary', () => {
  const cliImports = importsBelow(CLI_SRC);

  it('reads the scaffolder module and common through their entry points only', () => {
    const ours = cliImports.filter(({ from }) =>
      from.startsWith('@evolution-todo/'),
    );
    expect(ours.map(({ from }) => from)).toContain(
      '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo',
    );
    expect(
      ours.filter(({ from }) => !['', 'testUtils'].includes(entryPoint(from))),
    ).toEqual([]);
    expect(
      ours.filter(
        ({ file, from }) => entryPoint(from) !== '' && !isTestFile(file),
      ),
    ).toEqual([]);
  });

  it('has no relative import that leaves the package', () => {
    expect(
      cliImports.filter(
        ({ file, from }) =>
          from.startsWith('.') &&
          !path
            .resolve(CLI_SRC, path.dirname(file), from)
            .startsWith(path.dirname(CLI_SRC)),
      ),
    ).toEqual([]);
  });

  it('is never imported by the scaffolder module', () => {
    const moduleImports = importsBelow(MODULE_SRC);
    expect(moduleImports.length).toBeGreaterThan(100);
    expect(
      moduleImports.filter(({ from }) =>
        from.startsWith('@evolution-todo/cli'),
      ),
    ).toEqual([]);
  });
});
