import fs from 'node:fs/promises';
import path from 'node:path';
import {
  commitTeamEdit,
  createRenderedRepository,
  refsOf,
  scratchFolder,
  showFile,
  statusOf,
  TEST_IDENTITY,
} from '../testUtils/repositories';
import { TEMPLATE_BRANCH, upgradeBranch } from './branches';
import { runGit } from './git';
import { RECORD_PATH } from './record';
import { upgradeRepository, type RenderTemplate } from './upgradeRepository';
import { smallTemplate as template } from './__testUtils__/smallTemplate';

// Each case runs a dozen real git processes: on a busy machine that takes longer than jest's 5 s default.
jest.setTimeout(60_000);

describe('upgradeRepository', () => {
  let scratch: Awaited<ReturnType<typeof scratchFolder>>;
  let repoDir: string;
  const upgrade = (
    render: RenderTemplate,
    options: { changes?: Record<string, unknown>; dryRun?: boolean } = {},
  ) =>
    upgradeRepository({ repoDir, render, identity: TEST_IDENTITY, ...options });

  beforeEach(async () => {
    scratch = await scratchFolder('upgrade-test-');
    repoDir = path.join(scratch.dir, 'todo');
    await createRenderedRepository(
      template('1.0.0'),
      { name: 'todo' },
      repoDir,
    );
  });
  afterEach(() => scratch.remove());

  it('does nothing when the template and the parameters are what the repository has', async () => {
    const before = await refsOf(repoDir);

    const result = await upgrade(template('1.0.0'));

    expect(result).toMatchObject({
      status: 'up-to-date',
      fromVersion: '1.0.0',
      toVersion: '1.0.0',
      baseBranch: 'main',
    });
    // No branch, no commit: the render equals the first commit, executable bits included.
    expect(await refsOf(repoDir)).toEqual(before);
  });

  it('keeps team edits the template did not touch and takes in what it changed, on a new branch only', async () => {
    await commitTeamEdit(repoDir, async read => ({
      'values.yaml': (
        await read('values.yaml')
      ).replace('  replicas: 2', '  replicas: 5'),
      'README.md': (
        await read('README.md')
      ).replace(
        'The evolution-todo stack.',
        'The evolution-todo stack, run by the todo team.',
      ),
      'docs/runbook.md': '# Runbook\n',
    }));
    const mainBefore = (await refsOf(repoDir)).main;

    const result = await upgrade(
      template('1.1.0', {
        readmeFooter: 'Made with the evolution-todo template 1.1.',
        valuesComment: 'Release values',
      }),
    );

    expect(result).toMatchObject({
      status: 'merged',
      upgradeBranch: 'evolution-todo/upgrade-1.1.0',
      conflicts: [],
      pushed: true,
    });
    const branch = upgradeBranch('1.1.0');
    const values = await showFile(repoDir, branch, 'values.yaml');
    expect(values).toContain('# Release values');
    expect(values).toContain('mcp:\n  replicas: 5');
    const readme = await showFile(repoDir, branch, 'README.md');
    expect(readme).toContain('run by the todo team');
    expect(readme).toContain('template 1.1.');
    expect(await showFile(repoDir, branch, 'docs/runbook.md')).toBe(
      '# Runbook\n',
    );
    expect(await showFile(repoDir, branch, RECORD_PATH)).toContain(
      'templateVersion: 1.1.0',
    );
    // The template branch holds the pure render, one commit per version.
    const templateLog = (
      await runGit(['log', '--format=%s', TEMPLATE_BRANCH], { cwd: repoDir })
    ).stdout;
    expect(templateLog.trim().split('\n')).toEqual([
      'evolution-todo template 1.1.0: render with the recorded parameters',
      'Initial commit from the Evolution Todo golden path',
    ]);
    expect(await showFile(repoDir, TEMPLATE_BRANCH, 'values.yaml')).toContain(
      'mcp:\n  replicas: 2',
    );
    // The team's branch, worktree and index are as they were.
    expect((await refsOf(repoDir)).main).toBe(mainBefore);
    expect(await statusOf(repoDir)).toBe('');
    expect(result.status !== 'up-to-date' && result.diffStat).toMatch(
      /README\.md/,
    );
  });

  it('applies a parameter change through the render', async () => {
    const result = await upgrade(template('1.0.0'), {
      changes: { backend: { replicas: 4 } },
    });

    expect(result).toMatchObject({
      status: 'merged',
      fromVersion: '1.0.0',
      toVersion: '1.0.0',
    });
    const branch = upgradeBranch('1.0.0');
    expect(await showFile(repoDir, branch, 'values.yaml')).toContain(
      'backend:\n  replicas: 4',
    );
    // The other recorded parameters stay; the record carries the change for the next upgrade.
    const record = await showFile(repoDir, branch, RECORD_PATH);
    expect(record).toMatch(/backend:\n(.*\n)*? {4}replicas: 4/);
    expect(record).toMatch(/frontend:\n(.*\n)*? {4}replicas: 3/);
  });

  it('marks and lists the hunks where the team and the template changed the same lines, and commits them on the branch', async () => {
    await commitTeamEdit(repoDir, async read => ({
      'README.md': (
        await read('README.md')
      ).replace(
        'Made with the evolution-todo template.',
        'Owned by the todo team.',
      ),
    }));
    const mainBefore = (await refsOf(repoDir)).main;

    const result = await upgrade(
      template('1.1.0', { readmeFooter: 'Made with template 1.1.' }),
    );

    expect(result).toMatchObject({
      status: 'conflicts',
      conflicts: [{ path: 'README.md', kind: 'both changed', hunks: 1 }],
    });
    const readme = await showFile(repoDir, upgradeBranch('1.1.0'), 'README.md');
    expect(readme).toMatch(
      /<<<<<<< .*\nOwned by the todo team\.\n\|\|\|\|\|\|\| .*\nMade with the evolution-todo template\.\n=======\nMade with template 1\.1\.\n>>>>>>> /,
    );
    const message = (
      await runGit(['log', '-1', '--format=%B', upgradeBranch('1.1.0')], {
        cwd: repoDir,
      })
    ).stdout;
    expect(message).toContain('README.md (both changed, 1 hunk marked)');
    expect((await refsOf(repoDir)).main).toBe(mainBefore);
  });

  it('previews in a dry run without creating or moving any branch', async () => {
    const before = await refsOf(repoDir);

    const result = await upgrade(
      template('1.1.0', { readmeFooter: 'New footer.' }),
      { dryRun: true },
    );

    expect(result).toMatchObject({ status: 'merged', pushed: false });
    expect(result.status !== 'up-to-date' && result.diff).toContain(
      '+New footer.',
    );
    expect(await refsOf(repoDir)).toEqual(before);
  });

  it('says an unmerged upgrade branch is waiting instead of making it again, and refuses to overwrite it with another render', async () => {
    await upgrade(template('1.1.0', { readmeFooter: 'A.' }));
    const before = await refsOf(repoDir);

    expect(
      await upgrade(template('1.1.0', { readmeFooter: 'A.' })),
    ).toMatchObject({
      status: 'up-to-date',
      reason:
        'evolution-todo/upgrade-1.1.0 already holds this render and waits to be merged into main',
    });
    await expect(
      upgrade(template('1.1.0', { readmeFooter: 'B.' })),
    ).rejects.toThrow(
      'evolution-todo/upgrade-1.1.0 exists and is not merged into main; merge or delete it, then upgrade again. Nothing was changed.',
    );
    expect(await refsOf(repoDir)).toEqual(before);
  });

  it('after the team merged an upgrade, the next one merges from there and is a no-op when nothing is new', async () => {
    await upgrade(template('1.1.0', { readmeFooter: 'A.' }));
    await runGit(['merge', '-q', '--no-edit', upgradeBranch('1.1.0')], {
      cwd: repoDir,
      identity: TEST_IDENTITY,
    });

    expect(
      await upgrade(template('1.1.0', { readmeFooter: 'A.' })),
    ).toMatchObject({ status: 'up-to-date' });
    // The same version with a parameter change replaces the merged branch of that version.
    const result = await upgrade(template('1.1.0', { readmeFooter: 'A.' }), {
      changes: { mcp: { replicas: 3 } },
    });
    expect(result).toMatchObject({
      status: 'merged',
      upgradeBranch: 'evolution-todo/upgrade-1.1.0',
    });
    expect(
      await showFile(repoDir, upgradeBranch('1.1.0'), 'values.yaml'),
    ).toContain('mcp:\n  replicas: 3');
  });

  it('after the team squash-merged an upgrade, the next one merges from the render it took in, found by its record', async () => {
    await upgrade(template('1.1.0', { valuesComment: 'Release values' }));
    // As GitHub's "Squash and merge" does: one commit with one parent, the branch deleted.
    await runGit(['merge', '-q', '--squash', upgradeBranch('1.1.0')], {
      cwd: repoDir,
    });
    await runGit(['commit', '-q', '-m', 'Upgrade to 1.1.0 (#1)'], {
      cwd: repoDir,
      identity: TEST_IDENTITY,
    });
    await runGit(['branch', '-q', '-D', upgradeBranch('1.1.0')], {
      cwd: repoDir,
    });
    const render110 = (
      await runGit(['rev-parse', TEMPLATE_BRANCH], { cwd: repoDir })
    ).stdout.trim();
    expect(
      await upgrade(template('1.1.0', { valuesComment: 'Release values' })),
    ).toMatchObject({ status: 'up-to-date' });
    await commitTeamEdit(repoDir, async read => ({
      'values.yaml': (
        await read('values.yaml')
      ).replace('mcp:\n  replicas: 2', 'mcp:\n  replicas: 5'),
    }));

    // 1.2.0 changes the line 1.1.0 changed: merged from the original render it would conflict.
    const result = await upgrade(
      template('1.2.0', { valuesComment: 'Values of todo, 1.2' }),
    );

    expect(result).toMatchObject({ status: 'merged', conflicts: [] });
    const values = await showFile(
      repoDir,
      upgradeBranch('1.2.0'),
      'values.yaml',
    );
    expect(values).toContain('# Values of todo, 1.2');
    expect(values).toContain('mcp:\n  replicas: 5');
    // The branch's history holds the 1.1.0 render again: merged with a merge commit, it stays found.
    const { code } = await runGit(
      ['merge-base', '--is-ancestor', render110, upgradeBranch('1.2.0')],
      { cwd: repoDir, okCodes: [1] },
    );
    expect(code).toBe(0);
    // And the branch changes nothing but what the template and the merge did.
    expect(result.status !== 'up-to-date' && result.diffStat).not.toMatch(
      /README\.md/,
    );
  });

  it('replaces an upgrade branch the team squash-merged and kept, for the same version with a parameter change', async () => {
    await upgrade(template('1.1.0', { readmeFooter: 'A.' }));
    await runGit(['merge', '-q', '--squash', upgradeBranch('1.1.0')], {
      cwd: repoDir,
    });
    await runGit(['commit', '-q', '-m', 'Upgrade to 1.1.0 (#1)'], {
      cwd: repoDir,
      identity: TEST_IDENTITY,
    });

    const result = await upgrade(template('1.1.0', { readmeFooter: 'A.' }), {
      changes: { mcp: { replicas: 3 } },
    });

    expect(result).toMatchObject({
      status: 'merged',
      upgradeBranch: 'evolution-todo/upgrade-1.1.0',
      conflicts: [],
    });
    expect(
      await showFile(repoDir, upgradeBranch('1.1.0'), 'values.yaml'),
    ).toContain('mcp:\n  replicas: 3');
  });

  it('refuses changes that break the parameters, naming each field, and changes nothing', async () => {
    const before = await refsOf(repoDir);
    await expect(
      upgrade(template('1.1.0'), {
        changes: { name: 'other', backend: { replicas: 0 } },
      }),
    ).rejects.toThrow(
      /name: cannot change in an upgrade \(recorded: todo\)[\s\S]*backend\.replicas: /,
    );
    expect(await refsOf(repoDir)).toEqual(before);
  });

  it('refuses a record broken by hand, naming its fields, before rendering', async () => {
    await commitTeamEdit(repoDir, async read => ({
      [RECORD_PATH]: (await read(RECORD_PATH))
        .replace('templateVersion: 1.0.0', 'templateVersion: latest')
        .replace(/logging:\n {4}stack: loki/, 'logging:\n    stack: splunk'),
    }));
    const render = jest.fn(template('1.1.0'));

    await expect(upgrade(render)).rejects.toThrow(
      /\.evolution-todo\/parameters\.yaml on main is invalid; fix it and commit, then upgrade again:\n {2}- templateVersion: must be a version like 1\.2\.0 \(got "latest"\)\n {2}- parameters\.logging\.stack: /,
    );
    expect(render).not.toHaveBeenCalled();
  });

  it('refuses a repository without a record, with what to do', async () => {
    const plain = path.join(scratch.dir, 'plain');
    await fs.mkdir(plain);
    await fs.writeFile(path.join(plain, 'README.md'), 'made by hand\n');
    await runGit(['init', '-q', '-b', 'main'], { cwd: plain });
    await runGit(['add', '-A'], { cwd: plain });
    await runGit(['commit', '-q', '-m', 'init'], {
      cwd: plain,
      identity: TEST_IDENTITY,
    });

    await expect(
      upgradeRepository({
        repoDir: plain,
        render: template('1.1.0'),
        identity: TEST_IDENTITY,
      }),
    ).rejects.toThrow(
      `${plain} cannot be upgraded: it has no ${RECORD_PATH} on main and no branch ${TEMPLATE_BRANCH}.`,
    );
    await expect(
      upgradeRepository({
        repoDir: path.join(scratch.dir, 'missing'),
        render: template('1.1.0'),
        identity: TEST_IDENTITY,
      }),
    ).rejects.toThrow('is not a folder');
  });
});
