import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import YAML from 'yaml';
import { runAction } from '../__testUtils__/runAction';
import { resolvedParameters } from '../testUtils/repositories';
import { smallTemplate } from '../upgrade/__testUtils__/smallTemplate';
import { createUpgradeGithubAction } from './upgradeGithub';
import { examples } from './upgradeGithub.examples';

// The whole upgrade against GitHub (clone, merge, push, pull request) runs through the real
// scaffolder with FakeGitHub in packages/backend/src/goldenPath.githubUpgrade.test.ts. Here:
// what the action refuses before it reaches GitHub, and what a retried task repeats (nothing).

const TOKEN = 'ghp_upgradeaction0123456789abcdefghijklm';

describe('evolution-todo:upgrade:github', () => {
  const workspace = createMockDirectory();
  /** No handler: any request to GitHub fails the test. */
  const requests: string[] = [];
  const server = setupServer();
  const action = (token: string | null = TOKEN) =>
    createUpgradeGithubAction({
      config: mockServices.rootConfig({
        data: {
          integrations: {
            github: [{ host: 'github.com', ...(token ? { token } : {}) }],
          },
        },
      }),
    });
  const input = {
    owner: 'group:default/todo-team',
    repoUrl: 'github.com?owner=acme&repo=todo',
    baseCommit: 'c'.repeat(40),
  };

  beforeAll(() =>
    server.listen({
      onUnhandledRequest: request => {
        requests.push(`${request.method} ${request.url}`);
      },
    }),
  );
  afterAll(() => server.close());
  beforeEach(async () => {
    requests.length = 0;
    workspace.clear();
    await smallTemplate('1.1.0')(
      resolvedParameters({ name: 'todo' }),
      workspace.path,
    );
  });

  it.each([
    [
      { ...input, repoUrl: 'github.com?repo=todo' },
      TOKEN,
      'repoUrl: must be a GitHub repository as host?owner=OWNER&repo=REPO',
    ],
    [
      input,
      null,
      'repoUrl: the GitHub integration for github.com has no credentials',
    ],
    [
      { ...input, renderPath: '../elsewhere' },
      TOKEN,
      'renderPath: must be a relative path inside the workspace (got "../elsewhere")',
    ],
    [
      { ...input, renderPath: 'missing' },
      TOKEN,
      "has no .evolution-todo/parameters.yaml: run the template's render steps before this one",
    ],
  ])(
    'refuses %j before asking GitHub anything',
    async (bad, token, message) => {
      await expect(
        runAction(action(token), bad, { workspacePath: workspace.path }),
      ).rejects.toThrow(message);
      expect(requests).toEqual([]);
    },
  );

  it('repeats neither the push nor the pull request when a retried task ran them before (checkpoints)', async () => {
    const summary = {
      status: 'merged',
      fromVersion: '1.0.0',
      toVersion: '1.1.0',
      baseBranch: 'main',
      upgradeBranch: 'evolution-todo/upgrade-1.1.0',
      conflicts: [],
      diffStat: ' README.md | 2 +-\n',
      diff: '-old\n+new\n',
      report: 'Template 1.0.0 → 1.1.0.',
      pullRequestBranch: 'evolution-todo/upgrade-1.1.0',
    };
    const pullRequest = {
      number: 7,
      url: 'https://github.com/acme/todo/pull/7',
      created: true,
    };
    const { outputs } = await runAction(action(), input, {
      workspacePath: workspace.path,
      checkpoints: {
        'upgrade-github.v1.github.com/acme/todo': {
          status: 'success',
          value: summary,
        },
        'upgrade-github-pull-request.v1.github.com/acme/todo.evolution-todo/upgrade-1.1.0':
          { status: 'success', value: pullRequest },
      },
    });
    expect(requests).toEqual([]);
    expect(outputs).toMatchObject({
      status: 'merged',
      upgradeBranch: 'evolution-todo/upgrade-1.1.0',
      pullRequestUrl: pullRequest.url,
      pullRequestNumber: 7,
    });
    expect(outputs.report).toContain(
      'Pull request opened: [#7](https://github.com/acme/todo/pull/7)',
    );
    expect(outputs).not.toHaveProperty('pullRequestBranch');
    expect(JSON.stringify(outputs)).not.toContain(TOKEN);
  });

  it("has an example that feeds it evolution-todo:upgrade:parameters' outputs", () => {
    const step = YAML.parse(examples[0].example).steps[0];
    expect(step).toMatchObject({
      action: 'evolution-todo:upgrade:github',
      input: {
        owner: '${{ steps.prepare.output.owner }}',
        repoUrl: '${{ steps.prepare.output.githubRepoUrl }}',
        baseCommit: '${{ steps.prepare.output.baseCommit }}',
      },
    });
  });
});
