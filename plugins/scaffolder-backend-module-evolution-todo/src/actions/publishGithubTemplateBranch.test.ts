import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import YAML from 'yaml';
import { githubRestApi, MODEL_REPO_URL } from '../__testUtils__/githubRestApi';
import { runAction } from '../__testUtils__/runAction';
import { createPublishGithubTemplateBranchAction } from './publishGithubTemplateBranch';
import { examples } from './publishGithubTemplateBranch.examples';

const TOKEN = 'ghp_templatebranch0123456789abcdefghijkl';
const SHA = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);

describe('evolution-todo:publish:github-template-branch', () => {
  const workspace = createMockDirectory();
  const api = githubRestApi({ token: TOKEN });
  const server = setupServer(...api.handlers);
  const action = (token: string | null = TOKEN) =>
    createPublishGithubTemplateBranchAction({
      config: mockServices.rootConfig({
        data: {
          integrations: {
            github: [{ host: 'github.com', ...(token ? { token } : {}) }],
          },
        },
      }),
    });
  const input = { repoUrl: MODEL_REPO_URL, commitHash: SHA };

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  beforeEach(() => api.reset());

  it("creates evolution-todo/template at publish:github's commit, with the integration's token", async () => {
    const { outputs, logs } = await runAction(action(), input, {
      workspacePath: workspace.path,
    });
    expect(api.repository.refs.get('refs/heads/evolution-todo/template')).toBe(
      SHA,
    );
    expect(outputs).toEqual({
      templateBranch: 'evolution-todo/template',
      templateCommit: SHA,
    });
    expect(api.calls).toEqual(['POST /repos/acme/todo/git/refs']);
    expect(JSON.stringify({ logs, outputs })).not.toContain(TOKEN);
  });

  it('asks GitHub nothing when a retried task ran the step before (checkpoint)', async () => {
    const first = await runAction(action(), input, {
      workspacePath: workspace.path,
    });
    api.calls.length = 0;
    await runAction(action(), input, {
      workspacePath: workspace.path,
      checkpoints: first.checkpoints,
    });
    expect(api.calls).toEqual([]);
  });

  it('succeeds when the branch is there already at the same commit (a step retried before its checkpoint was stored)', async () => {
    api.repository.refs.set('refs/heads/evolution-todo/template', SHA);
    const { logs } = await runAction(action(), input, {
      workspacePath: workspace.path,
    });
    expect(logs.join('\n')).toContain('was there already');
    expect(api.repository.refs.get('refs/heads/evolution-todo/template')).toBe(
      SHA,
    );
  });

  it('fails, changing nothing, when the branch is at another commit', async () => {
    api.repository.refs.set('refs/heads/evolution-todo/template', OTHER);
    await expect(
      runAction(action(), input, { workspacePath: workspace.path }),
    ).rejects.toThrow(
      'acme/todo has a branch evolution-todo/template already, at bbbbbbbbbbbb, not aaaaaaaaaaaa; nothing was changed',
    );
    expect(api.repository.refs.get('refs/heads/evolution-todo/template')).toBe(
      OTHER,
    );
  });

  it.each([
    [
      { ...input, commitHash: 'main' },
      TOKEN,
      'commitHash: must be a full commit SHA, 40 lowercase hexadecimal digits (got "main")',
    ],
    [
      { ...input, repoUrl: 'github.com?repo=todo' },
      TOKEN,
      'repoUrl: must be a GitHub repository as host?owner=OWNER&repo=REPO',
    ],
    [
      { ...input, repoUrl: 'gitlab.example.com?owner=acme&repo=todo' },
      TOKEN,
      'repoUrl: must be a GitHub repository',
    ],
    [
      input,
      null,
      'repoUrl: the GitHub integration for github.com has no credentials',
    ],
  ])('refuses %j before calling GitHub', async (bad, token, message) => {
    await expect(
      runAction(action(token), bad, { workspacePath: workspace.path }),
    ).rejects.toThrow(message);
    expect(api.calls).toEqual([]);
  });

  it('runs its example', async () => {
    const step = YAML.parse(examples[0].example).steps[0];
    expect(step.action).toBe('evolution-todo:publish:github-template-branch');
    await runAction(
      action(),
      { ...step.input, commitHash: SHA },
      { workspacePath: workspace.path },
    );
    expect(api.repository.refs.get('refs/heads/evolution-todo/template')).toBe(
      SHA,
    );
  });
});
