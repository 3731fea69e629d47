import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { runAction } from '../__testUtils__/runAction';
import {
  commitTeamEdit,
  createRenderedRepository,
  refsOf,
  resolvedParameters,
  showFile,
} from '../testUtils/repositories';
import { smallTemplate } from '../upgrade/__testUtils__/smallTemplate';
import { TEMPLATE_BRANCH, upgradeBranch } from '../upgrade/branches';
import { runGit } from '../upgrade/git';
import { createUpgradeAction } from './upgrade';
import { examples } from './upgrade.examples';

// Real git repositories and merges: longer than jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

describe('evolution-todo:upgrade', () => {
  const destination = createMockDirectory();
  const workspace = createMockDirectory();
  const repoDir = () => path.join(destination.path, 'todo');
  const action = () =>
    createUpgradeAction({
      config: mockServices.rootConfig({
        data: {
          evolutionTodo: {
            localPublish: {
              directory: destination.path,
              author: { name: 'Portal', email: 'portal@example.com' },
            },
          },
        },
      }),
    });
  /** The render steps' work: the newer template's render in the workspace. */
  const renderIntoWorkspace = (footer: string) =>
    smallTemplate('1.1.0', { readmeFooter: footer })(
      resolvedParameters({ name: 'todo' }),
      workspace.path,
    );

  beforeEach(async () => {
    destination.clear();
    workspace.clear();
    await createRenderedRepository(
      smallTemplate('1.0.0'),
      { name: 'todo' },
      repoDir(),
    );
  });

  it('merges the render into a new upgrade branch of the repository and reports it', async () => {
    await renderIntoWorkspace('Made with template 1.1.');
    const before = await refsOf(repoDir());

    const { outputs } = await runAction(
      action(),
      { repoPath: repoDir(), baseCommit: before.main },
      {
        workspacePath: workspace.path,
      },
    );

    expect(outputs).toMatchObject({
      status: 'merged',
      upgradeBranch: upgradeBranch('1.1.0'),
      baseBranch: 'main',
      fromVersion: '1.0.0',
      toVersion: '1.1.0',
      conflicts: [],
    });
    expect(outputs.diff).toContain('+Made with template 1.1.');
    expect(outputs.report).toContain('Template 1.0.0 → 1.1.0.');
    expect(outputs.report).toContain('**Merged cleanly.**');
    const after = await refsOf(repoDir());
    expect(after.main).toBe(before.main);
    expect(after[TEMPLATE_BRANCH]).not.toBe(before[TEMPLATE_BRANCH]);
    expect(
      await showFile(repoDir(), upgradeBranch('1.1.0'), 'README.md'),
    ).toContain('Made with template 1.1.');
    const author = await runGit(
      ['log', '-1', '--format=%an <%ae>', upgradeBranch('1.1.0')],
      {
        cwd: repoDir(),
      },
    );
    expect(author.stdout.trim()).toBe('Portal <portal@example.com>');
  });

  it('lists conflicts without failing the task', async () => {
    await commitTeamEdit(repoDir(), async read => ({
      'README.md': (
        await read('README.md')
      ).replace(
        'Made with the evolution-todo template.',
        'Owned by the todo team.',
      ),
    }));
    await renderIntoWorkspace('Made with template 1.1.');

    const { outputs, logs } = await runAction(
      action(),
      { repoPath: repoDir() },
      {
        workspacePath: workspace.path,
      },
    );

    expect(outputs.status).toBe('conflicts');
    expect(outputs.conflicts).toEqual([
      'README.md (both changed, 1 hunk marked)',
    ]);
    expect(outputs.report).toContain(
      '- README.md (both changed, 1 hunk marked)',
    );
    expect(logs).toContain(
      `Conflicts, marked and committed on ${upgradeBranch(
        '1.1.0',
      )}:\nREADME.md (both changed, 1 hunk marked)`,
    );
  });

  it('previews in a dry run: the diff, and no branch anywhere', async () => {
    await renderIntoWorkspace('Dry footer.');
    const before = await refsOf(repoDir());

    const { outputs } = await runAction(
      action(),
      { repoPath: repoDir() },
      {
        workspacePath: workspace.path,
        isDryRun: true,
      },
    );

    expect(outputs.status).toBe('merged');
    expect(outputs.diff).toContain('+Dry footer.');
    expect(outputs.report).toContain(
      'Dry run: merged in a scratch clone; no branch was created.',
    );
    expect(await refsOf(repoDir())).toEqual(before);
  });

  it('repeats nothing when a retried task has the checkpoint of the first run', async () => {
    await renderIntoWorkspace('Once.');
    const first = await runAction(
      action(),
      { repoPath: repoDir() },
      { workspacePath: workspace.path },
    );
    const after = await refsOf(repoDir());
    // A recovered task may run on another replica, with an empty workspace.
    workspace.clear();

    const second = await runAction(
      action(),
      { repoPath: repoDir() },
      {
        workspacePath: workspace.path,
        checkpoints: first.checkpoints,
      },
    );

    expect(second.outputs).toEqual(first.outputs);
    expect(await refsOf(repoDir())).toEqual(after);
  });

  it('stops when the branch moved after the parameters were read', async () => {
    const { main } = await refsOf(repoDir());
    await commitTeamEdit(repoDir(), async () => ({ 'NOTES.md': 'later\n' }));
    await renderIntoWorkspace('Late.');

    await expect(
      runAction(
        action(),
        { repoPath: repoDir(), baseCommit: main },
        { workspacePath: workspace.path },
      ),
    ).rejects.toThrow(
      /main of .* moved since its parameters were read .*; run the upgrade again/,
    );
  });

  it.each([
    [
      { repoPath: '/etc' },
      'repoPath: must be a repository inside the local destination',
    ],
    [
      { repoPath: 'REPO', renderPath: '../x' },
      'renderPath: must be a relative path inside the workspace',
    ],
  ])('refuses %j', async (input, message) => {
    const resolved = {
      ...input,
      repoPath: input.repoPath === 'REPO' ? repoDir() : input.repoPath,
    };
    await expect(
      runAction(action(), resolved, { workspacePath: workspace.path }),
    ).rejects.toThrow(message);
  });

  it('runs its example with the first step outputs it names', async () => {
    await renderIntoWorkspace('Example.');
    const step = YAML.parse(examples[0].example).steps[0];
    expect(step.input).toEqual({
      repoPath: '${{ steps.prepare.output.repoPath }}',
      baseCommit: '${{ steps.prepare.output.baseCommit }}',
    });
    const { outputs } = await runAction(
      action(),
      { repoPath: repoDir(), baseCommit: (await refsOf(repoDir())).main },
      { workspacePath: workspace.path },
    );
    expect(outputs.status).toBe('merged');
    expect(fs.existsSync(repoDir())).toBe(true);
  });
});
