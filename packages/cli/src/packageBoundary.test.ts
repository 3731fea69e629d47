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

/** `@a/b/testUtils` → the package `@a/b` and its entry point `./testUtils`. */
function splitSpecifier(specifier: string) {
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  const subpath = parts.slice(nameParts).join('/');
  return {
    name: parts.slice(0, nameParts).join('/'),
    entry: subpath ? `./${subpath}` : '.',
  };
}

/** The entry points a workspace package declares in its package.json "exports". */
function exportedEntries(name: string): string[] {
  const manifest = JSON.parse(
    fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8'),
  );
  return manifest.exports ? Object.keys(manifest.exports) : ['.'];
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
    // Only what each package exports, and in the CLI's own code only main entry points.
    expect(
      ours.filter(({ from }) => {
        const { name, entry } = splitSpecifier(from);
        return !exportedEntries(name).includes(entry);
      }),
    ).toEqual([]);
    expect(
      ours.filter(
        ({ file, from }) =>
          splitSpecifier(from).entry !== '.' && !isTestFile(file),
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
