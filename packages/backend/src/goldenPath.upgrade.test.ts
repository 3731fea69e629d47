import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import type { RecordedParametersResponse } from '@evolution-todo/plugin-evolution-todo-common';
import { stepReport } from './__testUtils__/assertions';
import { teamGit as git } from './__testUtils__/gitRepository';
import {
  startGoldenPathBackend,
  type GoldenPathBackend,
} from './__testUtils__/goldenPathBackend';
import { UPGRADE_TEMPLATE_FILE, UPGRADE_TEMPLATE_REF } from './testUtils/paths';
import {
  expectedStepStatuses,
  readTemplate,
  submittedValues,
  templateDirectoryContents,
} from './testUtils/templateForm';

// The portal's upgrade of a repository it made: the golden path's task publishes `todo` to the
// local destination, the team commits an edit, then "Upgrade an evolution-todo repository"
// (templates/evolution-todo/upgrade.yaml) previews in the Template Editor's dry run and runs as a
// task: real scaffolder, real catalog, real git.

const NAME = 'todo';
const SYSTEM = `system:default/${NAME}`;
const CHANGES = 'backend:\n  replicas: 4\n';

const branches = (repoDir: string) =>
  git(
    repoDir,
    'for-each-ref',
    '--format=%(refname:short) %(objectname)',
    'refs/heads',
  );

// A render and a merge per test; on a busy two-core machine that is several seconds.
jest.setTimeout(60_000);

describe('upgrading a repository through the portal', () => {
  let backend: GoldenPathBackend;
  let repoDir: string;
  let version: string;

  beforeAll(async () => {
    backend = await startGoldenPathBackend();
    await backend.api.waitForEntities([UPGRADE_TEMPLATE_REF]);
    const created = await backend.api.runTask(
      submittedValues(readTemplate(), {
        name: NAME,
        owner: 'group:default/todo-team',
      }),
    );
    if (created.status !== 'completed') {
      throw new Error(
        `the golden path task ${created.status}: ${created.log.join('\n')}`,
      );
    }
    await backend.api.waitForEntities([SYSTEM]);
    repoDir = path.join(backend.localReposDir, NAME);
    version = YAML.parse(
      fs.readFileSync(
        path.join(repoDir, '.evolution-todo/parameters.yaml'),
        'utf8',
      ),
    ).templateVersion;
    // The team's edit, committed on main after the repository was created.
    const readme = path.join(repoDir, 'README.md');
    fs.writeFileSync(
      readme,
      fs
        .readFileSync(readme, 'utf8')
        .replace('## Develop\n', '## Develop\n\nAsk #todo-team first.\n'),
    );
    git(repoDir, 'commit', '-q', '-am', 'Team edit');
  }, 120_000);

  afterAll(() => backend?.stop(), 30_000);

  it('offers only Systems the golden path made in its System picker', () => {
    const template = readTemplate(UPGRADE_TEMPLATE_FILE);
    const system = (template.spec.parameters[0] as any).properties.system;
    expect(system['ui:options'].catalogFilter).toEqual({
      kind: 'System',
      'metadata.annotations.evolution-todo.dev/template-version': {
        exists: true,
      },
    });
  });

  // The form's RecordedParameters field reads this with the user's token and shows it for editing.
  it("serves the System's recorded parameters to its users, and to nobody without a token", async () => {
    const record = await backend.api.json<RecordedParametersResponse>(
      'GET',
      `/api/evolution-todo/recorded-parameters?entityRef=${encodeURIComponent(
        SYSTEM,
      )}`,
    );
    expect(record).toEqual({
      templateVersion: version,
      parameters: expect.any(String),
      source: {
        destination: 'local',
        repoUrl: pathToFileURL(repoDir).href,
        branch: 'main',
        commit: git(repoDir, 'rev-parse', 'main').trim(),
        path: '.evolution-todo/parameters.yaml',
      },
    });
    expect(YAML.parse(record.parameters)).toEqual(
      YAML.parse(
        fs.readFileSync(
          path.join(repoDir, '.evolution-todo/parameters.yaml'),
          'utf8',
        ),
      ).parameters,
    );

    const anonymous = await fetch(
      `${backend.api.baseUrl}/api/evolution-todo/recorded-parameters?entityRef=${SYSTEM}`,
    );
    expect(anonymous.status).toBe(401);
    const other = await backend.api.request(
      'GET',
      '/api/evolution-todo/recorded-parameters?entityRef=system:default/nowhere',
    );
    expect(other.status).toBe(404);
  });

  it('takes the whole record, edited as the form submits it: the edit lands, the rest stays', async () => {
    const record = await backend.api.json<RecordedParametersResponse>(
      'GET',
      `/api/evolution-todo/recorded-parameters?entityRef=${encodeURIComponent(
        SYSTEM,
      )}`,
    );
    const edited = YAML.parseDocument(record.parameters);
    edited.setIn(['backend', 'replicas'], 4);
    const res = await backend.api.dryRun({
      template: readTemplate(UPGRADE_TEMPLATE_FILE),
      values: { system: SYSTEM, changes: edited.toString() },
      directoryContents: templateDirectoryContents(),
    });
    const result = await res.json();
    expect({ status: res.status, error: result.error }).toEqual({
      status: 200,
    });
    const diff = result.output.text.find(
      (t: { title: string }) => t.title === 'Diff',
    ).content;
    expect(diff).toMatch(
      /helm\/evolution-todo\/values\.yaml[\s\S]*- {2}replicas: 3\n\+ {2}replicas: 4/,
    );
  });

  it('previews the diff in a dry run and creates no branch', async () => {
    const before = branches(repoDir);
    const res = await backend.api.dryRun({
      template: readTemplate(UPGRADE_TEMPLATE_FILE),
      values: { system: SYSTEM, changes: CHANGES },
      directoryContents: templateDirectoryContents(),
    });
    const result = await res.json();
    expect({ status: res.status, error: result.error }).toEqual({
      status: 200,
    });

    const text = Object.fromEntries(
      result.output.text.map((t: { title: string; content: string }) => [
        t.title,
        t.content,
      ]),
    );
    expect(text.Upgrade).toContain(
      'Dry run: merged in a scratch clone; no branch was created.',
    );
    expect(text.Diff).toMatch(
      /helm\/evolution-todo\/values\.yaml[\s\S]*- {2}replicas: 3\n\+ {2}replicas: 4/,
    );
    expect(text['Recorded parameters']).toContain(
      `Template ${version}, on branch main:`,
    );
    expect(branches(repoDir)).toBe(before);
  });

  it('runs as a task: the upgrade branch holds the change and the team edit, main is untouched', async () => {
    const mainBefore = git(repoDir, 'rev-parse', 'main').trim();

    const task = await backend.api.runTask(
      { system: SYSTEM, changes: CHANGES },
      undefined,
      UPGRADE_TEMPLATE_REF,
    );

    // A System published locally: prepare finds the local destination.
    const expectedSteps = expectedStepStatuses(
      readTemplate(UPGRADE_TEMPLATE_FILE),
      { steps: { prepare: { output: { destination: 'local' } } } },
    );
    expect(stepReport(task.steps, expectedSteps, task.log.join('\n'))).toEqual({
      statuses: expectedSteps,
      log: '',
    });
    const branch = `evolution-todo/upgrade-${version}`;
    const text = (
      task.output?.text as Array<{ title: string; content: string }>
    )[0];
    expect(text.content).toContain(`Branch \`${branch}\``);
    expect(text.content).toContain(
      `Template ${version}, re-rendered with the changed parameters.`,
    );
    expect(text.content).toContain('**Merged cleanly.**');

    const values = YAML.parse(
      git(repoDir, 'show', `${branch}:helm/evolution-todo/values.yaml`),
    );
    expect(values.backend.replicas).toBe(4);
    expect(git(repoDir, 'show', `${branch}:README.md`)).toContain(
      'Ask #todo-team first.',
    );
    expect(git(repoDir, 'rev-parse', 'main').trim()).toBe(mainBefore);
    expect(git(repoDir, 'status', '--porcelain')).toBe('');
  });
});
