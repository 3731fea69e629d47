import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { githubRepositoryAccess } from '../publish/github';
import { resolvedParameters } from '../testUtils/repositories';
import { TEMPLATE_BRANCH } from './branches';
import { readGithubBranchRecord } from './githubRepository';
import { formatRecord, RECORD_PATH } from './record';

// readGithubBranchRecord against GitHub's REST API as its reference documents it: GET a
// repository gives default_branch; GET git/ref/heads/<branch> gives the commit, 404 for no such
// branch and 409 for an empty repository; GET contents/<path>?ref=<commit> with the raw media
// type gives the file's bytes, 404 when the commit has no such file. The whole upgrade runs
// against FakeGitHub (git's own server behind the same API) in packages/backend's
// goldenPath.githubUpgrade.test.ts.

const API = 'https://api.github.com/repos/acme/todo';
const HEAD = 'a'.repeat(40);
const record = formatRecord({
  templateVersion: '1.0.0',
  parameters: resolvedParameters({ name: 'todo' }),
}).content;

interface Repository {
  defaultBranch: string;
  /** Branch → commit; empty for a repository with no commit. */
  branches: Record<string, string>;
  /** Commit → path → content. */
  files: Record<string, Record<string, string>>;
}

describe('readGithubBranchRecord', () => {
  const server = setupServer();
  const requests: string[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });

  function serve(repository: Repository) {
    const notFound = () =>
      HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    server.use(
      http.get(API, ({ request }) => {
        requests.push(new URL(request.url).pathname);
        return HttpResponse.json({
          full_name: 'acme/todo',
          default_branch: repository.defaultBranch,
        });
      }),
      http.get(`${API}/git/ref/*`, ({ request }) => {
        const { pathname } = new URL(request.url);
        requests.push(decodeURIComponent(pathname));
        if (Object.keys(repository.branches).length === 0) {
          return HttpResponse.json(
            { message: 'Git Repository is empty.' },
            { status: 409 },
          );
        }
        const ref = decodeURIComponent(pathname.split('/git/ref/')[1]);
        const sha = repository.branches[ref.replace(/^heads\//, '')];
        return sha
          ? HttpResponse.json({ ref: `refs/${ref}`, object: { sha } })
          : notFound();
      }),
      http.get(`${API}/contents/*`, ({ request }) => {
        const url = new URL(request.url);
        requests.push(`${decodeURIComponent(url.pathname)}${url.search}`);
        const file = decodeURIComponent(url.pathname.split('/contents/')[1]);
        const content =
          repository.files[url.searchParams.get('ref') ?? '']?.[file];
        return content === undefined
          ? notFound()
          : new HttpResponse(content, {
              headers: { 'content-type': 'application/vnd.github.raw' },
            });
      }),
    );
  }

  const read = async () =>
    readGithubBranchRecord(
      await githubRepositoryAccess(
        mockServices.rootConfig({
          data: {
            integrations: {
              github: [{ host: 'github.com', token: 'ghp_test' }],
            },
          },
        }),
        'github.com?owner=acme&repo=todo',
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
    expect(requests.sort()).toEqual(
      [
        '/repos/acme/todo',
        '/repos/acme/todo/git/ref/heads/trunk',
        `/repos/acme/todo/git/ref/heads/${TEMPLATE_BRANCH}`,
        `/repos/acme/todo/contents/${RECORD_PATH}?ref=${HEAD}`,
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
