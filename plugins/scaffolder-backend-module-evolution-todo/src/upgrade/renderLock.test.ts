import fs from 'node:fs/promises';
import path from 'node:path';
import git from 'isomorphic-git';
import nodeFs from 'node:fs';
import {
  DEFAULT_LOCAL_AUTHOR,
  INITIAL_COMMIT_MESSAGE,
} from '../publish/localDestination';
import { createLocalRepository } from '../publish/localRepository';
import { TEMPLATE_BRANCH } from './branches';
import { runGit } from './git';
import {
  checkRenderLock,
  readRenderLock,
  RENDER_LOCK_EXAMPLES_DIR,
  renderLockExamples,
  renderTreeId,
  writeRenderLock,
  type RenderLock,
} from './renderLock';
import { scratchFolder, TEST_IDENTITY } from '../testUtils/repositories';

/** A render with what changes a tree id: a nested folder, an executable, a link, an ignored file. */
async function writeRender(dir: string) {
  await fs.mkdir(path.join(dir, 'scripts'), { recursive: true });
  await fs.writeFile(path.join(dir, 'README.md'), '# todo\n');
  await fs.writeFile(path.join(dir, '.gitignore'), 'node_modules/\n');
  await fs.writeFile(path.join(dir, 'scripts/deploy.sh'), '#!/bin/sh\n', {
    mode: 0o755,
  });
  await fs.symlink('../README.md', path.join(dir, 'scripts/README.md'));
  await fs.mkdir(path.join(dir, 'node_modules/x'), { recursive: true });
  await fs.writeFile(path.join(dir, 'node_modules/x/index.js'), '');
}

describe('renderTreeId', () => {
  it('is the tree the local destination commits on the template branch, and the tree git itself commits', async () => {
    const scratch = await scratchFolder('render-lock-');
    try {
      const render = path.join(scratch.dir, 'render');
      await writeRender(render);
      const id = await renderTreeId(render);

      // What evolution-todo:publish:local puts on evolution-todo/template (isomorphic-git).
      const repoDir = path.join(scratch.dir, 'published');
      const { commitHash } = await createLocalRepository({
        sourceDir: render,
        repoDir,
        defaultBranch: 'main',
        message: INITIAL_COMMIT_MESSAGE,
        author: DEFAULT_LOCAL_AUTHOR,
        templateBranch: TEMPLATE_BRANCH,
      });
      const published = await git.readCommit({
        fs: nodeFs,
        dir: repoDir,
        oid: commitHash,
      });
      expect(published.commit.tree).toBe(id);

      // What a developer's `git add -A && git commit` makes of the same folder.
      const byHand = path.join(scratch.dir, 'by-hand');
      await fs.cp(render, byHand, { recursive: true, verbatimSymlinks: true });
      await runGit(['init', '--quiet'], { cwd: byHand });
      await runGit(['add', '-A'], { cwd: byHand });
      await runGit(['commit', '--quiet', '-m', 'x'], {
        cwd: byHand,
        identity: TEST_IDENTITY,
      });
      const tree = await runGit(['rev-parse', 'HEAD^{tree}'], { cwd: byHand });
      expect(tree.stdout.trim()).toBe(id);

      // The folder itself is left as it was: no .git written into it.
      await expect(fs.access(path.join(render, '.git'))).rejects.toThrow();
    } finally {
      await scratch.remove();
    }
  });

  it('changes with a file mode and with content, not with an ignored file', async () => {
    const scratch = await scratchFolder('render-lock-');
    try {
      await writeRender(scratch.dir);
      const before = await renderTreeId(scratch.dir);

      await fs.writeFile(
        path.join(scratch.dir, 'node_modules/x/index.js'),
        '1',
      );
      expect(await renderTreeId(scratch.dir)).toBe(before);

      await fs.chmod(path.join(scratch.dir, 'scripts/deploy.sh'), 0o644);
      const modeChanged = await renderTreeId(scratch.dir);
      expect(modeChanged).not.toBe(before);

      await fs.writeFile(path.join(scratch.dir, 'README.md'), '# todo 2\n');
      expect(await renderTreeId(scratch.dir)).not.toBe(modeChanged);
    } finally {
      await scratch.remove();
    }
  });
});

describe('checkRenderLock', () => {
  const lock: RenderLock = {
    templateVersion: '1.2.0',
    renders: {
      'examples/values/a.yaml': 'aaa',
      'examples/values/b.yaml': 'bbb',
    },
  };
  const check = (templateVersion: string, renders: Record<string, string>) =>
    checkRenderLock({
      lock,
      templateVersion,
      renders,
      templateFile: 'templates/evolution-todo/template.yaml',
    });

  it('passes when every render is what the lock holds for this version', () => {
    expect(check('1.2.0', { ...lock.renders })).toEqual([]);
  });

  it('refuses a render that changed under the same version, naming the example and the fix', () => {
    expect(
      check('1.2.0', { ...lock.renders, 'examples/values/b.yaml': 'ccc' }),
    ).toEqual([
      {
        message:
          'examples/values/b.yaml renders differently from what template version 1.2.0 rendered: bump the template version in templates/evolution-todo/template.yaml (repositories made with 1.2.0 would never get this change), then run `./scripts/run yarn template:lock`',
        fixedByWritingLock: false,
      },
    ]);
  });

  it('asks for the lock to be written again after a bump, whatever changed', () => {
    expect(check('1.3.0', { 'examples/values/a.yaml': 'zzz' })).toEqual([
      {
        message:
          'the template version is 1.3.0 but the lock holds the renders of 1.2.0: run `./scripts/run yarn template:lock`',
        fixedByWritingLock: true,
      },
    ]);
    // Versions compare by number: 1.10.0 is a bump from 1.2.0, not a step back.
    expect(check('1.10.0', { ...lock.renders })).toEqual([
      {
        message:
          'the template version is 1.10.0 but the lock holds the renders of 1.2.0: run `./scripts/run yarn template:lock`',
        fixedByWritingLock: true,
      },
    ]);
  });

  it('refuses a version that went back (upgrades compare versions)', () => {
    expect(check('1.1.9', { ...lock.renders })).toEqual([
      {
        message: expect.stringContaining('went back from 1.2.0 to 1.1.9'),
        fixedByWritingLock: false,
      },
    ]);
  });

  it('asks for the lock to be written again when examples come or go', () => {
    expect(
      check('1.2.0', {
        'examples/values/a.yaml': 'aaa',
        'examples/values/c.yaml': 'ccc',
      }),
    ).toEqual([
      {
        message: expect.stringContaining(
          'new: examples/values/c.yaml, gone: examples/values/b.yaml',
        ),
        fixedByWritingLock: true,
      },
    ]);
  });
});

describe('renderLockExamples', () => {
  it('lists the YAML files of examples/values, sorted, named from the workspace root', async () => {
    const scratch = await scratchFolder('render-lock-examples-');
    try {
      const dir = path.join(scratch.dir, RENDER_LOCK_EXAMPLES_DIR);
      await fs.mkdir(dir, { recursive: true });
      for (const file of ['nginx.yaml', 'README.md', 'minimal.yaml']) {
        await fs.writeFile(path.join(dir, file), '');
      }
      expect(renderLockExamples(scratch.dir)).toEqual([
        'examples/values/minimal.yaml',
        'examples/values/nginx.yaml',
      ]);
    } finally {
      await scratch.remove();
    }
  });
});

describe('the lock file', () => {
  it('reads back what was written, examples in order, and names what a broken one lacks', async () => {
    const scratch = await scratchFolder('render-lock-');
    try {
      const file = path.join(scratch.dir, 'render-lock.yaml');
      await writeRenderLock(file, {
        templateVersion: '1.0.0',
        renders: { 'b.yaml': '2', 'a.yaml': '1' },
      });
      const read = await readRenderLock(file);
      expect(read).toEqual({
        templateVersion: '1.0.0',
        renders: { 'a.yaml': '1', 'b.yaml': '2' },
      });
      expect(Object.keys(read.renders)).toEqual(['a.yaml', 'b.yaml']);

      await fs.writeFile(file, 'renders: {}\n');
      await expect(readRenderLock(file)).rejects.toThrow(
        'expected templateVersion (a string) and renders (a mapping)',
      );
    } finally {
      await scratch.remove();
    }
  });
});
