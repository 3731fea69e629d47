import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The renderers depend on shared facts, never on each other: render/chart and
 * render/manifests both read render/conventions (user ids, probe paths, pod
 * setting names, where the chart's sources are), so changing one renderer
 * cannot reach into the other. Tests and their helpers obey the same rule.
 */
const RENDER = __dirname;

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(path.join(RENDER, folder), {
      recursive: true,
      encoding: 'utf8',
    })
    .filter(file => file.endsWith('.ts'))
    .map(file => path.join(RENDER, folder, file));
}

/** The folder under render/ each relative import of a file lands in. */
function importedFolders(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'));
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter(name => name.startsWith('.'))
    .map(name => path.relative(RENDER, path.resolve(path.dirname(file), name)))
    .filter(relative => !relative.startsWith('..'))
    .map(relative => relative.split(path.sep)[0]);
}

function crossings(from: string, forbidden: string[]): string[] {
  return sourceFiles(from).flatMap(file =>
    importedFolders(file)
      .filter(folder => forbidden.includes(folder))
      .map(folder => `${path.relative(RENDER, file)} imports render/${folder}`),
  );
}

describe('the direction of imports inside render/', () => {
  it('keeps render/chart and render/manifests apart', () => {
    expect(crossings('chart', ['manifests'])).toEqual([]);
    expect(crossings('manifests', ['chart'])).toEqual([]);
  });

  it('lets render/conventions depend on no renderer', () => {
    expect(crossings('conventions', ['chart', 'manifests', 'docker'])).toEqual(
      [],
    );
  });

  it('finds the imports it checks', () => {
    // A guard against a test that passes because it reads nothing.
    expect(sourceFiles('chart').flatMap(importedFolders)).toContain(
      'conventions',
    );
    expect(sourceFiles('manifests').flatMap(importedFolders)).toContain(
      'conventions',
    );
  });
});
