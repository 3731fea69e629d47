import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The CLI may use devDependencies (the scaffolder backend's fetch:template and
 * template engine; see .eslintrc.js) only because the published package never
 * runs it: dist/ is built from src/index.ts. This holds that line.
 */
const SRC = path.resolve(__dirname, '..');

/** Every source file src/index.ts reaches through relative imports. */
function reachableFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) {
      return;
    }
    seen.add(file);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'));
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) {
        continue;
      }
      const base = path.resolve(path.dirname(file), fileName);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find(
        candidate => fs.existsSync(candidate),
      );
      if (target) {
        visit(target);
      }
    }
  };
  visit(entry);
  return seen;
}

it('keeps the CLI out of what the published package runs', () => {
  const reached = [...reachableFrom(path.join(SRC, 'index.ts'))].map(file =>
    path.relative(SRC, file),
  );
  expect(reached).toEqual(
    expect.arrayContaining(['module.ts', 'actions/index.ts']),
  );
  expect(reached.filter(file => file.startsWith(`cli${path.sep}`))).toEqual([]);
});
