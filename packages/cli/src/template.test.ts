import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultTemplateDir, findTemplateDir } from './template';
import { REPO_ROOT } from './__testUtils__/runCli';

/**
 * The template the CLI runs by default: the copy packed into an installed
 * package (prepack: scripts/packed-folders.cjs), else the workspace's own.
 */
describe('defaultTemplateDir', () => {
  it('is templates/evolution-todo of this workspace when no copy is packed', () => {
    // A copy left by an interrupted `yarn pack` would shadow edits to the template.
    expect(defaultTemplateDir()).toBe(
      path.join(REPO_ROOT, 'templates/evolution-todo'),
    );
  });

  it('prefers the copy packed into an installed package', () => {
    const installed = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-cli-'));
    try {
      const packed = path.join(installed, 'template');
      fs.mkdirSync(path.join(packed, 'skeleton'), { recursive: true });
      fs.writeFileSync(path.join(packed, 'template.yaml'), 'kind: Template\n');
      expect(findTemplateDir(installed)).toBe(packed);
    } finally {
      fs.rmSync(installed, { recursive: true, force: true });
    }
  });

  it('names every place it looked when there is no template', () => {
    const nowhere = path.join(
      os.tmpdir(),
      'nowhere/node_modules/@evolution-todo/cli',
    );
    expect(() => findTemplateDir(nowhere)).toThrow(
      `The files of the evolution-todo template are missing: looked for template.yaml, skeleton in ${path.join(
        nowhere,
        'template',
      )} and ${path.resolve(nowhere, '../../templates/evolution-todo')}`,
    );
  });
});
