import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import YAML from 'yaml';
import { safeParseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import { runAction } from '../__testUtils__/runAction';
import { TEMPLATE_BRANCH } from '../upgrade/branches';
import { formatRecord, RECORD_PATH } from '../upgrade/record';
import { createPublishLocalAction } from './publishLocal';
import { examples } from './publishLocal.examples';

const recordedParameters = () => {
  const parsed = safeParseDeploymentParameters({ name: 'todo' });
  if (!parsed.success) throw new Error('expected valid parameters');
  return parsed.parameters;
};

describe('evolution-todo:publish:local', () => {
  const workspace = createMockDirectory();
  const destination = createMockDirectory();

  const configWith = (localPublish: object | undefined) =>
    mockServices.rootConfig({
      data: localPublish ? { evolutionTodo: { localPublish } } : {},
    });
  const action = () =>
    createPublishLocalAction({
      config: configWith({ directory: destination.path }),
    });

  beforeEach(() => {
    destination.clear();
    workspace.setContent({
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: todo\n',
      'helm/evolution-todo/Chart.yaml':
        'apiVersion: v2\nname: evolution-todo\n',
      'scripts/deploy.sh': '#!/usr/bin/env bash\n',
      'repo/catalog-info.yaml': 'kind: System\n',
    });
  });

  it('publishes the workspace as a git repository with one commit of every file', async () => {
    const { outputs, logs } = await runAction(
      action(),
      { repoName: 'todo' },
      {
        workspacePath: workspace.path,
      },
    );

    const repoDir = path.join(destination.path, 'todo');
    expect(outputs.repoPath).toBe(repoDir);
    expect(outputs.remoteUrl).toBe(`file://${repoDir}`);
    expect(outputs.catalogInfoPath).toBe(
      path.join(repoDir, 'catalog-info.yaml'),
    );

    const [commit] = await git.log({ fs, dir: repoDir });
    expect(commit.oid).toBe(outputs.commitHash);
    expect(commit.commit.message.trim()).toBe(
      'Initial commit from the Evolution Todo golden path',
    );
    expect(await git.currentBranch({ fs, dir: repoDir })).toBe('main');
    const tracked = await git.listFiles({ fs, dir: repoDir });
    expect(tracked.sort()).toEqual([
      'catalog-info.yaml',
      'helm/evolution-todo/Chart.yaml',
      'repo/catalog-info.yaml',
      'scripts/deploy.sh',
    ]);
    expect(logs.join('\n')).toContain(`Published ${repoDir}`);
    // Nothing is left behind but the repository itself.
    expect(fs.readdirSync(destination.path)).toEqual(['todo']);
  });

  it('starts the template branch at the first commit when the workspace carries the record', async () => {
    const record = formatRecord({
      templateVersion: '1.3.0',
      parameters: recordedParameters(),
    });
    workspace.addContent({ [record.path]: record.content });

    const { outputs, logs } = await runAction(
      action(),
      { repoName: 'todo' },
      { workspacePath: workspace.path },
    );

    const repoDir = path.join(destination.path, 'todo');
    const main = await git.resolveRef({ fs, dir: repoDir, ref: 'main' });
    expect(
      await git.resolveRef({ fs, dir: repoDir, ref: TEMPLATE_BRANCH }),
    ).toBe(main);
    expect(main).toBe(outputs.commitHash);
    expect(outputs.templateBranch).toBe(TEMPLATE_BRANCH);
    expect(outputs.templateVersion).toBe('1.3.0');
    expect(await git.listFiles({ fs, dir: repoDir })).toContain(RECORD_PATH);
    expect(logs.join('\n')).toContain(
      `(main and ${TEMPLATE_BRANCH} at ${main.slice(0, 12)}, template 1.3.0)`,
    );

    // A retry without the checkpoint finds the same publication, both branches included.
    const retried = await runAction(
      action(),
      { repoName: 'todo' },
      { workspacePath: workspace.path, checkpoints: {} },
    );
    expect(retried.outputs).toEqual(outputs);
  });

  it('keeps executable scripts executable and links as links', async () => {
    fs.chmodSync(path.join(workspace.path, 'scripts/deploy.sh'), 0o755);
    fs.symlinkSync(
      '../scripts/deploy.sh',
      path.join(workspace.path, 'repo/deploy.sh'),
    );
    const { outputs } = await runAction(
      action(),
      { repoName: 'todo' },
      { workspacePath: workspace.path },
    );

    const repoDir = outputs.repoPath as string;
    expect(
      fs.statSync(path.join(repoDir, 'scripts/deploy.sh')).mode & 0o777,
    ).toBe(0o755);
    expect(
      fs.statSync(path.join(repoDir, 'catalog-info.yaml')).mode & 0o111,
    ).toBe(0);
    // The link points where it pointed in the workspace, relative, not into the (deleted) workspace.
    expect(fs.readlinkSync(path.join(repoDir, 'repo/deploy.sh'))).toBe(
      '../scripts/deploy.sh',
    );
    const modes = new Map<string, string>();
    await git.walk({
      fs,
      dir: repoDir,
      trees: [git.TREE({ ref: 'HEAD' })],
      map: async (file, [entry]) => {
        if (entry && (await entry.type()) === 'blob') {
          modes.set(file, (await entry.mode()).toString(8));
        }
        return file;
      },
    });
    expect(Object.fromEntries(modes)).toEqual({
      'catalog-info.yaml': '100644',
      'helm/evolution-todo/Chart.yaml': '100644',
      'repo/catalog-info.yaml': '100644',
      'repo/deploy.sh': '120000',
      'scripts/deploy.sh': '100755',
    });
  });

  it('makes no template branch for a workspace without the record', async () => {
    const { outputs } = await runAction(
      action(),
      { repoName: 'todo' },
      { workspacePath: workspace.path },
    );
    const repoDir = path.join(destination.path, 'todo');
    expect(await git.listBranches({ fs, dir: repoDir })).toEqual(['main']);
    expect(outputs.templateBranch).toBeUndefined();
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_description, example) => {
      const step = YAML.parse(example.example).steps[0];
      const { outputs } = await runAction(action(), step.input, {
        workspacePath: workspace.path,
      });
      const branch = step.input.defaultBranch ?? 'main';
      expect(await git.currentBranch({ fs, dir: outputs.repoPath })).toBe(
        branch,
      );
    },
  );

  it('refuses a taken destination and leaves it untouched', async () => {
    destination.setContent({ 'todo/README.md': 'someone else' });
    await expect(
      runAction(
        action(),
        { repoName: 'todo' },
        { workspacePath: workspace.path },
      ),
    ).rejects.toThrow(/repoName: the local destination .*todo already exists/);
    expect(fs.readdirSync(path.join(destination.path, 'todo'))).toEqual([
      'README.md',
    ]);
  });

  describe('under retry and task recovery', () => {
    const repoDir = () => path.join(destination.path, 'todo');
    const history = async () =>
      (await git.log({ fs, dir: repoDir() })).map(entry => entry.oid);

    it('a second run with the checkpoint state of the first does nothing', async () => {
      const first = await runAction(
        action(),
        { repoName: 'todo' },
        {
          workspacePath: workspace.path,
        },
      );
      const before = await history();
      // A recovered task may run on another replica whose workspace is empty.
      workspace.clear();

      const second = await runAction(
        action(),
        { repoName: 'todo' },
        {
          workspacePath: workspace.path,
          checkpoints: first.checkpoints,
        },
      );

      expect(await history()).toEqual(before);
      expect(before).toHaveLength(1);
      expect(second.outputs).toEqual(first.outputs);
      expect(fs.readdirSync(destination.path)).toEqual(['todo']);
    });

    it('reuses the repository when the first attempt published but its checkpoint was not recorded', async () => {
      const first = await runAction(
        action(),
        { repoName: 'todo' },
        {
          workspacePath: workspace.path,
        },
      );

      const second = await runAction(
        action(),
        { repoName: 'todo' },
        {
          workspacePath: workspace.path,
          checkpoints: {},
        },
      );

      expect(await history()).toEqual([first.outputs.commitHash]);
      expect(second.outputs.commitHash).toBe(first.outputs.commitHash);
      expect(second.logs.join('\n')).toContain(
        'already holds this publication',
      );
      // The staging copy of the second attempt is gone too.
      expect(fs.readdirSync(destination.path)).toEqual(['todo']);
    });

    it('still refuses a repository with other contents under the same name', async () => {
      const first = await runAction(
        action(),
        { repoName: 'todo' },
        {
          workspacePath: workspace.path,
        },
      );
      workspace.setContent({
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: other\n',
      });

      await expect(
        runAction(
          action(),
          { repoName: 'todo' },
          { workspacePath: workspace.path },
        ),
      ).rejects.toThrow(
        /repoName: the local destination .*todo already exists/,
      );
      expect(await history()).toEqual([first.outputs.commitHash]);
      expect(fs.readdirSync(destination.path)).toEqual(['todo']);
    });

    it('records a failed attempt so that a retry runs it again', async () => {
      workspace.setContent({ 'README.md': 'no catalog file yet' });
      const failed = await runAction(
        action(),
        { repoName: 'todo' },
        {
          workspacePath: workspace.path,
        },
      ).catch(error => error.run);
      expect(Object.values(failed.checkpoints)).toEqual([
        expect.objectContaining({ status: 'failed' }),
      ]);

      workspace.setContent({ 'catalog-info.yaml': 'kind: System\n' });
      const retried = await runAction(
        action(),
        { repoName: 'todo' },
        {
          workspacePath: workspace.path,
          checkpoints: failed.checkpoints,
        },
      );
      expect(await history()).toEqual([retried.outputs.commitHash]);
    });
  });

  it.each([
    ['../escape', /repoName: must be lowercase/],
    ['a/b', /repoName: must be lowercase/],
    ['Todo', /repoName: must be lowercase/],
    ['', /repoName: must be lowercase/],
  ])(
    'refuses the repository name %j before writing anything',
    async (repoName, error) => {
      await expect(
        runAction(action(), { repoName }, { workspacePath: workspace.path }),
      ).rejects.toThrow(error);
      expect(fs.readdirSync(destination.path)).toEqual([]);
    },
  );

  it('refuses a sourcePath outside the workspace', async () => {
    await expect(
      runAction(
        action(),
        { repoName: 'todo', sourcePath: '../..' },
        { workspacePath: workspace.path },
      ),
    ).rejects.toThrow(
      /sourcePath: must be a relative path inside the workspace/,
    );
    expect(fs.readdirSync(destination.path)).toEqual([]);
  });

  it('refuses a workspace without catalog-info.yaml', async () => {
    workspace.setContent({ 'README.md': 'no catalog file' });
    await expect(
      runAction(
        action(),
        { repoName: 'todo' },
        { workspacePath: workspace.path },
      ),
    ).rejects.toThrow(/sourcePath: \. has no catalog-info.yaml/);
  });

  it('explains the missing configuration', async () => {
    const unconfigured = createPublishLocalAction({
      config: configWith(undefined),
    });
    await expect(
      runAction(
        unconfigured,
        { repoName: 'todo' },
        { workspacePath: workspace.path },
      ),
    ).rejects.toThrow(
      /set evolutionTodo\.localPublish\.directory in app-config\.yaml/,
    );
  });

  it('writes nothing in a dry run but reports where it would publish', async () => {
    const { outputs } = await runAction(
      action(),
      { repoName: 'todo' },
      {
        workspacePath: workspace.path,
        isDryRun: true,
      },
    );
    expect(outputs.repoPath).toBe(path.join(destination.path, 'todo'));
    expect(fs.readdirSync(destination.path)).toEqual([]);
  });
});
