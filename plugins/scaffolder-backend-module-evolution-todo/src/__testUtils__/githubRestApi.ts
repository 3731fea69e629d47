import { http, HttpResponse } from 'msw';

const API = 'https://api.github.com';

/** The repository the model serves: `github.com?owner=acme&repo=todo`. */
export const MODEL_REPO_URL = 'github.com?owner=acme&repo=todo';
const REPO_API = `${API}/repos/acme/todo`;

/**
 * GitHub's REST API for one repository (acme/todo), for the calls our actions
 * make, answering as GitHub's reference documents them:
 * - every call needs the integration's token (`Authorization: token …`), else 401;
 * - GET the repository: its `default_branch`;
 * - POST git/refs `{ref, sha}`: 201, or 422 when the ref exists;
 * - GET git/ref/heads/<branch>: the commit; 404 for no such branch, 409
 *   ("Git Repository is empty") when the repository has no branch at all;
 * - GET contents/<path>?ref=<commit>, raw media type: the file's bytes; 404
 *   when the commit has no such file.
 * The whole GitHub path (git's own server behind the same API) runs against
 * FakeGitHub in packages/backend.
 */
export function githubRestApi(options: { token: string }) {
  const repository = {
    defaultBranch: 'main',
    /** `refs/heads/<branch>` → commit. */
    refs: new Map<string, string>(),
    /** Commit → path → content. */
    files: new Map<string, Record<string, string>>(),
  };
  /** Every call, as `METHOD /path?query` (the path decoded). */
  const calls: string[] = [];
  const notFound = () =>
    HttpResponse.json({ message: 'Not Found' }, { status: 404 });

  const handlers = [
    http.all(`${API}/*`, ({ request }) => {
      const url = new URL(request.url);
      calls.push(
        `${request.method} ${decodeURIComponent(url.pathname)}${url.search}`,
      );
      if (request.headers.get('authorization') !== `token ${options.token}`) {
        return HttpResponse.json(
          { message: 'Bad credentials' },
          { status: 401 },
        );
      }
      return undefined; // on to the endpoint
    }),
    http.get(REPO_API, () =>
      HttpResponse.json({
        full_name: 'acme/todo',
        default_branch: repository.defaultBranch,
      }),
    ),
    http.post(`${REPO_API}/git/refs`, async ({ request }) => {
      const { ref, sha } = (await request.json()) as {
        ref: string;
        sha: string;
      };
      if (repository.refs.has(ref)) {
        return HttpResponse.json(
          { message: 'Reference already exists' },
          { status: 422 },
        );
      }
      repository.refs.set(ref, sha);
      return HttpResponse.json(
        { ref, object: { sha, type: 'commit' } },
        { status: 201 },
      );
    }),
    http.get(`${REPO_API}/git/ref/*`, ({ request }) => {
      const ref = `refs/${decodeURIComponent(
        new URL(request.url).pathname.split('/git/ref/')[1],
      )}`;
      const sha = repository.refs.get(ref);
      if (sha)
        return HttpResponse.json({ ref, object: { sha, type: 'commit' } });
      return repository.refs.size === 0
        ? HttpResponse.json(
            { message: 'Git Repository is empty.' },
            { status: 409 },
          )
        : notFound();
    }),
    http.get(`${REPO_API}/contents/*`, ({ request }) => {
      const url = new URL(request.url);
      const file = decodeURIComponent(url.pathname.split('/contents/')[1]);
      const content = repository.files.get(url.searchParams.get('ref') ?? '')?.[
        file
      ];
      return content === undefined
        ? notFound()
        : new HttpResponse(content, {
            headers: { 'content-type': 'application/vnd.github.raw' },
          });
    }),
  ];

  /** Back to an empty repository with no calls made. */
  const reset = () => {
    repository.defaultBranch = 'main';
    repository.refs.clear();
    repository.files.clear();
    calls.length = 0;
  };

  return { repository, calls, handlers, reset };
}
