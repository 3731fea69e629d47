import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stepReport } from './__testUtils__/assertions';
import type { FinishedTask } from './__testUtils__/backendApi';
import { expectedEntities } from './__testUtils__/catalogExpectations';
import {
  compareTrees,
  expectedRepository,
  specOf,
} from './__testUtils__/expectedRepository';
import {
  FakeGitHub,
  interceptGitHub,
  type RecordedRequest,
} from './__testUtils__/fakeGitHub';
import { readCommittedRepository } from './__testUtils__/gitRepository';
import {
  startGoldenPathBackend,
  type GoldenPathBackend,
} from './__testUtils__/goldenPathBackend';
import { readTemplate, submittedValues } from './testUtils/templateForm';

// The GitHub destination through the real scaffolder: publish:github talks to msw standing in
// for api.github.com (Octokit uses the global fetch, which msw intercepts) and pushes with
// isomorphic-git over HTTPS to github.com, where the fake answers with `git http-backend`,
// git's own smart-HTTP server, on a bare repository. catalog:register then registers the
// repository's catalog-info.yaml, which the catalog reads through the fake contents API.

const TOKEN = 'ghp_test1234567890abcdefghijklmnopqrstuvw';
const OWNER_TEAM = 'group:default/todo-team';
const ORG = 'evolution-org';

const PUBLISH_STEPS = {
  resolve: 'completed',
  skeleton: 'completed',
  chart: 'completed',
  manifests: 'completed',
  docker: 'completed',
  validate: 'completed',
  'publish-local': 'skipped',
  'register-local': 'skipped',
};

describe('a task with the GitHub destination', () => {
  const fakeRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-github-'));
  const github = new FakeGitHub({
    token: TOKEN,
    accounts: { [ORG]: 'Organization', 'ada-lovelace': 'User' },
    root: fakeRoot,
  });
  /** Requests that left the machine without a handler: there must be none. */
  const { escaped, ...server } = interceptGitHub(github);
  let backend: GoldenPathBackend;

  beforeAll(async () => {
    server.listen();
    backend = await startGoldenPathBackend({
      config: {
        integrations: { github: [{ host: 'github.com', token: TOKEN }] },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    server.close();
    fs.rmSync(fakeRoot, { recursive: true, force: true });
  });

  const formValues = (repo: string) =>
    submittedValues(readTemplate(), {
      name: repo,
      owner: OWNER_TEAM,
      destination: 'github',
      repoUrl: `github.com?owner=${ORG}&repo=${repo}`,
    });

  /** What the fake received for one repository, in order. */
  const requestsFor = (repo: string) =>
    github.requests.filter(
      r =>
        r.url.includes(`/${repo}`) ||
        r.url === `/users/${ORG}` ||
        (r.body as { name?: string } | undefined)?.name === repo,
    );

  describe('publishing a new repository', () => {
    const REPO = 'todo-gh';
    let values: ReturnType<typeof formValues>;
    let task: FinishedTask;

    beforeAll(async () => {
      values = formValues(REPO);
      task = await backend.api.runTask(values);
    }, 60_000);

    it('completes every step of the GitHub destination', () => {
      const expectedSteps = {
        ...PUBLISH_STEPS,
        'publish-github': 'completed',
        'template-branch-github': 'completed',
        'register-github': 'completed',
        deploy: 'skipped',
      };
      expect(
        stepReport(task.steps, expectedSteps, task.log.join('\n')),
      ).toEqual({ statuses: expectedSteps, log: '' });
    });

    it('creates the repository, pushes over smart HTTP, protects main and reads catalog-info.yaml back', () => {
      const strip = ({ method, host, url, auth }: RecordedRequest) => ({
        method,
        host,
        url,
        auth,
      });
      const requests = requestsFor(REPO);
      const registered = requests.findIndex(r =>
        r.url.includes('/contents/catalog-info.yaml'),
      );
      expect(requests.slice(0, registered + 1).map(strip)).toEqual([
        {
          method: 'GET',
          host: 'api.github.com',
          url: `/users/${ORG}`,
          auth: 'token',
        },
        {
          method: 'POST',
          host: 'api.github.com',
          url: `/orgs/${ORG}/repos`,
          auth: 'token',
        },
        // isomorphic-git asks without credentials first; GitHub's 401 makes it use onAuth.
        {
          method: 'GET',
          host: 'github.com',
          url: `/${ORG}/${REPO}.git/info/refs?service=git-receive-pack`,
          auth: 'none',
        },
        {
          method: 'GET',
          host: 'github.com',
          url: `/${ORG}/${REPO}.git/info/refs?service=git-receive-pack`,
          auth: 'basic',
        },
        {
          method: 'POST',
          host: 'github.com',
          url: `/${ORG}/${REPO}.git/git-receive-pack`,
          auth: 'basic',
        },
        {
          method: 'PUT',
          host: 'api.github.com',
          url: `/repos/${ORG}/${REPO}/branches/main/protection`,
          auth: 'token',
        },
        // evolution-todo:publish:github-template-branch: the template branch at the pushed commit.
        {
          method: 'POST',
          host: 'api.github.com',
          url: `/repos/${ORG}/${REPO}/git/refs`,
          auth: 'token',
        },
        // catalog:register's dry run of the new location, through GithubUrlReader.
        {
          method: 'GET',
          host: 'api.github.com',
          url: `/repos/${ORG}/${REPO}/contents/catalog-info.yaml?ref=main`,
          auth: 'token',
        },
      ]);
      expect(requests[1].body).toMatchObject({
        name: REPO,
        private: true,
        visibility: 'private',
        description: values.description,
      });
      // Every call after the first git probe carried the integration's token.
      expect(github.requests.filter(r => r.auth === 'wrong')).toEqual([]);
    });

    it('pushes one commit on main with every generated file', async () => {
      const repo = await readCommittedRepository({
        gitdir: github.repoDir(ORG, REPO),
      });
      expect(repo.commits).toHaveLength(1);
      const expected = await expectedRepository(values);
      expect(repo.files).toEqual([...expected.keys()].sort());
      expect(compareTrees(await repo.tree(), expected)).toEqual({
        missing: [],
        unexpected: [],
        different: [],
      });
    });

    it('starts the template branch at the pushed commit, the pure render, for later upgrades', async () => {
      const main = await github.refCommit(ORG, REPO, 'refs/heads/main');
      expect(main).toMatch(/^[0-9a-f]{40}$/);
      expect(
        await github.refCommit(ORG, REPO, 'refs/heads/evolution-todo/template'),
      ).toBe(main);
      expect(
        requestsFor(REPO).find(r => r.url.endsWith('/git/refs'))?.body,
      ).toEqual({ ref: 'refs/heads/evolution-todo/template', sha: main });
    });

    it('registers the repository, and the catalog then holds its entities', async () => {
      // catalog:register resolves catalogInfoPath against repoContentsUrl (.../blob/main) with
      // the GitHub integration's resolveUrl, which answers with a /tree/ URL.
      expect(await backend.api.locationTargets()).toContain(
        `url:https://github.com/${ORG}/${REPO}/tree/main/catalog-info.yaml`,
      );
      const entities = await backend.api.waitForEntities(
        expectedEntities(specOf(values)).map(e => e.ref),
      );
      for (const want of expectedEntities(specOf(values))) {
        expect(entities.get(want.ref)!.metadata.annotations).toMatchObject(
          want.annotations,
        );
      }
    });

    it('links the GitHub repository and the report in it', () => {
      expect(task.output?.links).toEqual(
        expect.arrayContaining([
          { title: 'Repository', url: `https://github.com/${ORG}/${REPO}.git` },
          {
            title: 'Open the system in the catalog',
            icon: 'catalog',
            entityRef: `system:default/${REPO}`,
          },
          {
            title: 'Validation report',
            url: `https://github.com/${ORG}/${REPO}/blob/main/.evolution-todo/validation-report.md`,
          },
        ]),
      );
    });

    it('never shows the token in the task, its log or its output, nor commits it', async () => {
      const taskJson = await backend.api
        .request('GET', `/api/scaffolder/v2/tasks/${task.id}`)
        .then(r => r.text());
      const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
      const seen = [
        taskJson,
        JSON.stringify(task.events),
        JSON.stringify(task.output),
      ];
      const repo = await readCommittedRepository({
        gitdir: github.repoDir(ORG, REPO),
      });
      for (const file of repo.files) seen.push(await repo.read(file));
      for (const text of seen) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(basic);
      }
    });
  });

  it('fails on a repository that exists already, before pushing or registering anything', async () => {
    const REPO = 'existing';
    await github.addExistingRepository(ORG, REPO);
    const locationsBefore = await backend.api.locationTargets();

    const task = await backend.api.runTask(formValues(REPO));

    const expectedSteps = {
      ...PUBLISH_STEPS,
      'publish-github': 'failed',
      'template-branch-github': 'skipped',
      'register-github': 'skipped',
      deploy: 'skipped',
    };
    expect(stepReport(task.steps, expectedSteps, task.log.join('\n'))).toEqual({
      statuses: expectedSteps,
      log: '',
    });
    expect(task.log.join('\n')).toContain(
      `Failed to create the Organization repository ${ORG}/${REPO}, Repository creation failed.`,
    );
    expect(requestsFor(REPO).filter(r => r.host === 'github.com')).toEqual([]);
    expect(await backend.api.locationTargets()).toEqual(locationsBefore);
  });

  // Last on purpose: covers every request the tests above made.
  it('let no request through to the real GitHub (or anywhere else)', () => {
    expect(github.requests.length).toBeGreaterThan(0);
    expect(escaped).toEqual([]);
  });
});
