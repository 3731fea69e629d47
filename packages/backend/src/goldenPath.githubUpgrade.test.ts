import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { RecordedParametersResponse } from '@evolution-todo/plugin-evolution-todo-common';
import { stepReport } from './__testUtils__/assertions';
import { teamGit as git } from './__testUtils__/gitRepository';
import { FakeGitHub, interceptGitHub } from './__testUtils__/fakeGitHub';
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

// The portal's upgrade of a repository it published to GitHub: the golden path's task creates
// it through publish:github (FakeGitHub standing in for api.github.com and github.com's smart
// HTTP, served by `git http-backend`), the team pushes a commit on main, then "Upgrade an
// evolution-todo repository" runs as a task through the real scaffolder: it clones over HTTPS,
// merges with git, pushes the template and upgrade branches and opens a pull request.

const TOKEN = 'ghp_upgrade1234567890abcdefghijklmnopqrstu';
const ORG = 'evolution-org';
const OWNER_TEAM = 'group:default/todo-team';
const CHANGES = 'backend:\n  replicas: 4\n';
const TEMPLATE = 'refs/heads/evolution-todo/template';

// Two repositories created, rendered and merged through the portal: minutes on a busy machine.
jest.setTimeout(120_000);

describe('upgrading a repository on GitHub through the portal', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-upgrade-'));
  const github = new FakeGitHub({
    token: TOKEN,
    accounts: { [ORG]: 'Organization', 'ada-lovelace': 'User' },
    root: path.join(root, 'github'),
  });
  const { escaped, ...server } = interceptGitHub(github);
  let backend: GoldenPathBackend;

  /** Creates REPO on the fake GitHub with the golden path's task, as a user of the portal would. */
  async function createOnGitHub(repo: string) {
    const task = await backend.api.runTask(
      submittedValues(readTemplate(), {
        name: repo,
        owner: OWNER_TEAM,
        destination: 'github',
        repoUrl: `github.com?owner=${ORG}&repo=${repo}`,
      }),
    );
    if (task.status !== 'completed') {
      throw new Error(`creating ${repo}: ${task.log.join('\n')}`);
    }
    await backend.api.waitForEntities([`system:default/${repo}`]);
  }

  /** The team's commit on main, pushed to GitHub's bare repository as `git push` would leave it. */
  function teamCommit(repo: string, edit: (dir: string) => void) {
    const dir = path.join(root, `work-${repo}`);
    execFileSync('git', ['clone', '-q', github.repoDir(ORG, repo), dir]);
    edit(dir);
    git(dir, 'commit', '-q', '-am', 'Team edit');
    git(dir, 'push', '-q', 'origin', 'main');
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const show = (repo: string, ref: string, file: string) =>
    git(github.repoDir(ORG, repo), 'show', `${ref}:${file}`);
  const pushes = () =>
    github.requests.filter(
      r => r.method === 'POST' && r.url.endsWith('/git-receive-pack'),
    ).length;
  const upgrade = (repo: string) =>
    backend.api.runTask(
      { system: `system:default/${repo}`, changes: CHANGES },
      undefined,
      UPGRADE_TEMPLATE_REF,
    );
  const textOf = (task: { output?: Record<string, unknown> }) =>
    Object.fromEntries(
      (task.output?.text as Array<{ title: string; content: string }>).map(
        t => [t.title, t.content],
      ),
    );

  beforeAll(async () => {
    server.listen();
    backend = await startGoldenPathBackend({
      config: {
        integrations: { github: [{ host: 'github.com', token: TOKEN }] },
      },
    });
    await backend.api.waitForEntities([UPGRADE_TEMPLATE_REF]);
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  describe('a team edit elsewhere and a parameter change', () => {
    const REPO = 'todo-gh-up';
    let version: string;
    let templateBefore: string;
    let mainBefore: string;

    beforeAll(async () => {
      await createOnGitHub(REPO);
      version = YAML.parse(
        show(REPO, 'main', '.evolution-todo/parameters.yaml'),
      ).templateVersion;
      teamCommit(REPO, dir => {
        const readme = path.join(dir, 'README.md');
        fs.writeFileSync(
          readme,
          fs
            .readFileSync(readme, 'utf8')
            .replace('## Develop\n', '## Develop\n\nAsk #todo-team first.\n'),
        );
      });
      templateBefore = (await github.refCommit(ORG, REPO, TEMPLATE))!;
      mainBefore = (await github.refCommit(ORG, REPO, 'refs/heads/main'))!;
    }, 120_000);

    // The upgrade form's field: the record read through GitHub's REST API with the integration's
    // token, which never appears in the answer; no clone, however large the repository.
    it("serves the System's recorded parameters from GitHub's API: no clone, nothing pushed", async () => {
      const pushesBefore = pushes();
      const requestsBefore = github.requests.length;
      const res = await backend.api.request(
        'GET',
        `/api/evolution-todo/recorded-parameters?entityRef=${encodeURIComponent(
          `system:default/${REPO}`,
        )}`,
      );
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).not.toContain(TOKEN);
      const record = JSON.parse(text) as RecordedParametersResponse;
      expect(record).toEqual({
        templateVersion: version,
        parameters: expect.any(String),
        source: {
          destination: 'github',
          repoUrl: `https://github.com/${ORG}/${REPO}`,
          branch: 'main',
          commit: (await github.refCommit(ORG, REPO, 'refs/heads/main'))!,
          path: '.evolution-todo/parameters.yaml',
        },
      });
      expect(YAML.parse(record.parameters)).toEqual(
        YAML.parse(show(REPO, 'main', '.evolution-todo/parameters.yaml'))
          .parameters,
      );
      expect(pushes()).toBe(pushesBefore);
      const made = github.requests.slice(requestsBefore);
      expect(made.filter(r => r.host === 'github.com')).toEqual([]);
      const calls = made.map(
        r => `${r.method} ${decodeURIComponent(r.url.split('?')[0])}`,
      );
      expect(calls.sort()).toEqual(
        [
          `GET /repos/${ORG}/${REPO}`,
          `GET /repos/${ORG}/${REPO}/git/ref/heads/main`,
          `GET /repos/${ORG}/${REPO}/git/ref/${TEMPLATE.slice('refs/'.length)}`,
          `GET /repos/${ORG}/${REPO}/contents/.evolution-todo/parameters.yaml`,
        ].sort(),
      );
    });

    it('previews the diff in a dry run, pushing nothing and opening no pull request', async () => {
      const pushesBefore = pushes();
      const res = await backend.api.dryRun({
        template: readTemplate(UPGRADE_TEMPLATE_FILE),
        values: { system: `system:default/${REPO}`, changes: CHANGES },
        directoryContents: templateDirectoryContents(),
      });
      const result = await res.json();
      expect({ status: res.status, error: result.error }).toEqual({
        status: 200,
      });
      const text = textOf(result);
      expect(text.Upgrade).toContain(
        'Dry run: merged in a scratch clone; no branch was created.',
      );
      expect(text.Diff).toMatch(
        /helm\/evolution-todo\/values\.yaml[\s\S]*- {2}replicas: 3\n\+ {2}replicas: 4/,
      );
      expect(pushes()).toBe(pushesBefore);
      expect(github.pullRequests(ORG, REPO)).toEqual([]);
      expect(await github.refCommit(ORG, REPO, TEMPLATE)).toBe(templateBefore);
    });

    it('opens a pull request from evolution-todo/upgrade-<version> with the change and the team edit, and advances the template branch', async () => {
      const task = await upgrade(REPO);

      // A System on GitHub: prepare finds the GitHub destination.
      const expectedSteps = expectedStepStatuses(
        readTemplate(UPGRADE_TEMPLATE_FILE),
        { steps: { prepare: { output: { destination: 'github' } } } },
      );
      expect(expectedSteps).toMatchObject({
        upgrade: 'skipped',
        'upgrade-github': 'completed',
      });
      expect(
        stepReport(task.steps, expectedSteps, task.log.join('\n')),
      ).toEqual({ statuses: expectedSteps, log: '' });

      const branch = `evolution-todo/upgrade-${version}`;
      const pulls = github.pullRequests(ORG, REPO);
      expect(pulls).toHaveLength(1);
      expect(pulls[0]).toMatchObject({
        state: 'open',
        head: { ref: branch },
        base: { ref: 'main' },
        title: `Upgrade: re-render evolution-todo template ${version} with changed parameters`,
      });
      expect(pulls[0].body).toContain('**Merged cleanly.**');
      expect(pulls[0].body).toContain('helm/evolution-todo/values.yaml');
      expect(textOf(task).Upgrade).toContain(
        `Pull request opened: [#1](https://github.com/${ORG}/${REPO}/pull/1)`,
      );

      // The branch: the parameter change landed and the team's edit survived.
      const values = YAML.parse(
        show(REPO, branch, 'helm/evolution-todo/values.yaml'),
      );
      expect(values.backend.replicas).toBe(4);
      expect(show(REPO, branch, 'README.md')).toContain(
        'Ask #todo-team first.',
      );
      // The template branch got one new render on top of the old one, merged into the branch.
      const templateAfter = (await github.refCommit(ORG, REPO, TEMPLATE))!;
      const bare = github.repoDir(ORG, REPO);
      expect(git(bare, 'rev-parse', `${templateAfter}^`).trim()).toBe(
        templateBefore,
      );
      expect(
        git(bare, 'rev-list', '--parents', '-n', '1', branch).trim().split(' '),
      ).toEqual([expect.any(String), mainBefore, templateAfter]);
      expect(
        YAML.parse(show(REPO, TEMPLATE, 'helm/evolution-todo/values.yaml'))
          .backend.replicas,
      ).toBe(4);
      expect(await github.refCommit(ORG, REPO, 'refs/heads/main')).toBe(
        mainBefore,
      );

      // The token: only in the Authorization headers, never in the task or the pull request.
      const taskJson = await backend.api
        .request('GET', `/api/scaffolder/v2/tasks/${task.id}`)
        .then(r => r.text());
      for (const text of [
        taskJson,
        JSON.stringify(task.events),
        JSON.stringify(pulls),
      ]) {
        expect(text).not.toContain(TOKEN);
      }
    });

    it('run again, pushes nothing and opens no second pull request', async () => {
      const pushesBefore = pushes();
      const task = await upgrade(REPO);
      expect(task.status).toBe('completed');
      expect(github.pullRequests(ORG, REPO)).toHaveLength(1);
      expect(pushes()).toBe(pushesBefore);
      expect(textOf(task).Upgrade).toContain('**Nothing to upgrade**');
      expect(textOf(task).Upgrade).toContain('Pull request already open: [#1]');
    });
  });

  it('lists a conflicting team edit in the pull request, marked in the file', async () => {
    const REPO = 'todo-gh-conflict';
    await createOnGitHub(REPO);
    teamCommit(REPO, dir => {
      // backend.replicas, the line the upgrade's parameter change rewrites, set otherwise.
      const file = path.join(dir, 'helm/evolution-todo/values.yaml');
      const values = fs.readFileSync(file, 'utf8');
      const edited = values.replace(
        /(\nbackend:\n(?: {2}.*\n)*? {2}replicas: )3\n/,
        '$15\n',
      );
      expect(YAML.parse(edited).backend.replicas).toBe(5);
      fs.writeFileSync(file, edited);
    });

    const task = await upgrade(REPO);

    expect(task.status).toBe('completed');
    const [pull] = github.pullRequests(ORG, REPO);
    expect(pull.body).toContain('**1 conflicting file(s)**');
    expect(pull.body).toMatch(/- helm\/evolution-todo\/values\.yaml/);
    expect(
      show(REPO, pull.head.ref, 'helm/evolution-todo/values.yaml'),
    ).toMatch(
      /<<<<<<< [\s\S]*replicas: 5[\s\S]*\|\|\|\|\|\|\| [\s\S]*replicas: 3[\s\S]*=======\n[\s\S]*replicas: 4[\s\S]*>>>>>>> /,
    );
  });

  // Last on purpose: covers every request the tests above made.
  it('let no request through to the real GitHub (or anywhere else)', () => {
    expect(github.requests.length).toBeGreaterThan(0);
    expect(escaped).toEqual([]);
  });
});
