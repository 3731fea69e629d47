import { mockServices } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { githubRestApi, MODEL_REPO_URL } from '../__testUtils__/githubRestApi';
import { githubRepositoryAccess } from '../publish/github';
import { resolvedParameters } from '../testUtils/repositories';
import { TEMPLATE_BRANCH } from './branches';
import { readGithubBranchRecord } from './githubRepository';
import { formatRecord, RECORD_PATH } from './record';

// readGithubBranchRecord against GitHub's REST API as its reference documents it (githubRestApi).

const TOKEN = 'ghp_branchrecord0123456789abcdefghijklmn';
const HEAD = 'a'.repeat(40);
const record = formatRecord({
  templateVersion: '1.0.0',
  parameters: resolvedParameters({ name: 'todo' }),
}).content;

/** acme/todo on GitHub: its default branch, its branches' commits and the files of its commits. */
interface Repository {
  defaultBranch: string;
  branches: Record<string, string>;
  files: Record<string, Record<string, string>>;
}

describe('readGithubBranchRecord', () => {
  const api = githubRestApi({ token: TOKEN });
  const server = setupServer(...api.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  beforeEach(() => api.reset());

  function serve(repository: Repository) {
    api.repository.defaultBranch = repository.defaultBranch;
    for (const [branch, sha] of Object.entries(repository.branches)) {
      api.repository.refs.set(`refs/heads/${branch}`, sha);
    }
    for (const [commit, files] of Object.entries(repository.files)) {
      api.repository.files.set(commit, files);
    }
  }

  const read = async () =>
    readGithubBranchRecord(
      await githubRepositoryAccess(
        mockServices.rootConfig({
          data: {
            integrations: {
              github: [{ host: 'github.com', token: TOKEN }],
            },
          },
        }),
        MODEL_REPO_URL,
        'repoUrl',
      ),
    );

  it('reads the record at the default branch’s last commit, with no clone', async () => {
    serve({
      defaultBranch: 'trunk',
      branches: { trunk: HEAD, [TEMPLATE_BRANCH]: 'b'.repeat(40) },
      files: { [HEAD]: { [RECORD_PATH]: record } },
    });
    const result = await read();
    expect(result).toEqual({
      branch: 'trunk',
      head: HEAD,
      record: {
        templateVersion: '1.0.0',
        parameters: resolvedParameters({ name: 'todo' }),
      },
    });
    expect(api.calls.sort()).toEqual(
      [
        'GET /repos/acme/todo',
        'GET /repos/acme/todo/git/ref/heads/trunk',
        `GET /repos/acme/todo/git/ref/heads/${TEMPLATE_BRANCH}`,
        `GET /repos/acme/todo/contents/${RECORD_PATH}?ref=${HEAD}`,
      ].sort(),
    );
  });

  it('refuses a repository without the template branch, naming it by URL, with how to add the branch', async () => {
    serve({
      defaultBranch: 'main',
      branches: { main: HEAD },
      files: { [HEAD]: { [RECORD_PATH]: record } },
    });
    await expect(read()).rejects.toThrow(
      `https://github.com/acme/todo cannot be upgraded: it has no branch ${TEMPLATE_BRANCH}.`,
    );
    await expect(read()).rejects.toThrow(
      `git push origin $(git rev-list --max-parents=0 HEAD):refs/heads/${TEMPLATE_BRANCH}`,
    );
  });

  it('refuses a repository with no record on its default branch', async () => {
    serve({
      defaultBranch: 'main',
      branches: { main: HEAD, [TEMPLATE_BRANCH]: 'b'.repeat(40) },
      files: {},
    });
    await expect(read()).rejects.toThrow(
      `https://github.com/acme/todo cannot be upgraded: it has no ${RECORD_PATH} on main.`,
    );
  });

  it('refuses an empty repository (GitHub answers 409)', async () => {
    serve({ defaultBranch: 'main', branches: {}, files: {} });
    await expect(read()).rejects.toThrow(
      'https://github.com/acme/todo has no commit on main: there is nothing to upgrade',
    );
  });

  it('refuses an invalid record, naming the field', async () => {
    serve({
      defaultBranch: 'main',
      branches: { main: HEAD, [TEMPLATE_BRANCH]: 'b'.repeat(40) },
      files: {
        [HEAD]: { [RECORD_PATH]: record.replace('1.0.0', 'one') },
      },
    });
    await expect(read()).rejects.toThrow(
      `${RECORD_PATH} on main is invalid; fix it and commit, then upgrade again:\n  - templateVersion:`,
    );
  });
});
