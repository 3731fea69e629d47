import git from 'isomorphic-git';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const API = 'https://api.github.com';
const WEB = 'https://github.com';

/** A request the fake received, with how it authenticated (never the credential itself). */
export interface RecordedRequest {
  method: string;
  /** Origin-relative URL, e.g. `/orgs/acme/repos` or `/acme/todo.git/info/refs?service=git-receive-pack`. */
  url: string;
  host: 'api.github.com' | 'github.com';
  auth: 'token' | 'basic' | 'wrong' | 'none';
  /** The JSON body of REST calls that have one. */
  body?: unknown;
}

export interface FakeGitHubOptions {
  /** The token app-config gives the GitHub integration; anything else is "Bad credentials". */
  token: string;
  /** Accounts that exist, by login. The authenticated user is the first `User`. */
  accounts: Record<string, 'User' | 'Organization'>;
  /** Folder for the bare repositories the fake hosts. */
  root: string;
}

/** A pull request the fake holds, in GitHub's REST shape (the fields our actions and tests read). */
export interface FakePullRequest {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  html_url: string;
  head: { ref: string; sha: string; label: string };
  base: { ref: string; sha: string; label: string };
}

interface CgiResult {
  status: number;
  headers: Headers;
  body: Buffer;
}

/**
 * Runs git's own smart-HTTP server, `git http-backend` (a CGI program shipped
 * with git), for one request. The push therefore meets a real git server.
 */
function gitHttpBackend(options: {
  projectRoot: string;
  method: string;
  pathInfo: string;
  query: string;
  contentType: string | null;
  body: Buffer;
}): Promise<CgiResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: options.projectRoot,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_PROJECT_ROOT: options.projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        // An authenticated user enables git-receive-pack (push).
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: options.method,
        PATH_INFO: options.pathInfo,
        QUERY_STRING: options.query,
        CONTENT_TYPE: options.contentType ?? '',
        CONTENT_LENGTH: String(options.body.length),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', chunk => out.push(chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => {
      const raw = Buffer.concat(out);
      const split = raw.indexOf('\r\n\r\n');
      if (code !== 0 || split === -1) {
        reject(new Error(`git http-backend exited with ${code}: ${stderr}`));
        return;
      }
      const headers = new Headers();
      let status = 200;
      for (const line of raw
        .subarray(0, split)
        .toString('utf8')
        .split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status')
          status = Number(value.split(' ')[0]);
        else headers.append(name, value);
      }
      resolve({ status, headers, body: raw.subarray(split + 4) });
    });
    child.stdin.end(options.body);
  });
}

/**
 * GitHub as far as publish:github, catalog:register and our template-branch and
 * upgrade actions use it, for msw: the REST endpoints that create a repository and
 * protect its branch, the refs API (create and read a branch), the pulls API (list
 * and open), the contents API the catalog reads catalog-info.yaml through, and git's
 * smart-HTTP endpoints, served by `git http-backend` on bare repositories in a
 * temporary folder. Answers follow GitHub's documented REST shapes and status codes.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Pull requests by `owner/repo`, in the order they were opened. */
  private readonly pulls = new Map<string, FakePullRequest[]>();

  constructor(private readonly options: FakeGitHubOptions) {}

  /** The bare repository of owner/repo, as git http-backend serves it. */
  repoDir(owner: string, repo: string): string {
    return path.join(this.options.root, owner, `${repo}.git`);
  }

  private authOf(header: string | null): RecordedRequest['auth'] {
    if (!header) return 'none';
    const { token } = this.options;
    if (header === `token ${token}` || header === `Bearer ${token}`)
      return 'token';
    const basic = /^Basic (.+)$/.exec(header);
    if (
      basic &&
      Buffer.from(basic[1], 'base64').toString() === `x-access-token:${token}`
    ) {
      return 'basic';
    }
    return 'wrong';
  }

  private async record(request: Request): Promise<RecordedRequest> {
    const url = new URL(request.url);
    const entry: RecordedRequest = {
      method: request.method,
      url: `${url.pathname}${url.search}`,
      host: url.host as RecordedRequest['host'],
      auth: this.authOf(request.headers.get('authorization')),
    };
    if (request.headers.get('content-type')?.startsWith('application/json')) {
      entry.body = await request.clone().json();
    }
    this.requests.push(entry);
    return entry;
  }

  /** A repository that exists already, as if created earlier by someone else. */
  async addExistingRepository(owner: string, repo: string) {
    const dir = this.repoDir(owner, repo);
    fs.mkdirSync(dir, { recursive: true });
    await git.init({ fs, dir, bare: true, defaultBranch: 'main' });
  }

  /** The pull requests of owner/repo, oldest first. */
  pullRequests(owner: string, repo: string): FakePullRequest[] {
    return this.pulls.get(`${owner}/${repo}`) ?? [];
  }

  /** The commit a ref (e.g. `refs/heads/main`) points at, or undefined. */
  async refCommit(
    owner: string,
    repo: string,
    ref: string,
  ): Promise<string | undefined> {
    try {
      return await git.resolveRef({
        fs,
        gitdir: this.repoDir(owner, repo),
        ref,
      });
    } catch {
      return undefined;
    }
  }

  private refJson(owner: string, repo: string, ref: string, sha: string) {
    return {
      ref,
      node_id: `REF_${sha.slice(0, 8)}`,
      url: `${API}/repos/${owner}/${repo}/git/${ref}`,
      object: {
        sha,
        type: 'commit',
        url: `${API}/repos/${owner}/${repo}/git/commits/${sha}`,
      },
    };
  }

  private static validationFailed(message: string, status = 422) {
    return HttpResponse.json(
      {
        message,
        documentation_url: 'https://docs.github.com/rest',
      },
      { status },
    );
  }

  /** POST /repos/{owner}/{repo}/git/refs: `{ref: 'refs/heads/x', sha}` → 201, or 422. */
  private async createRef(owner: string, repo: string, body: any) {
    const ref = String(body?.ref ?? '');
    const sha = String(body?.sha ?? '');
    const gitdir = this.repoDir(owner, repo);
    if (!/^refs\/[^/]+\/.+/.test(ref)) {
      return FakeGitHub.validationFailed(
        'Reference name must start with "refs/" and have at least two slashes.',
      );
    }
    if ((await this.refCommit(owner, repo, ref)) !== undefined) {
      return FakeGitHub.validationFailed('Reference already exists');
    }
    try {
      const { type } = await git.readObject({ fs, gitdir, oid: sha });
      if (type !== 'commit') throw new Error(type);
    } catch {
      return FakeGitHub.validationFailed('Object does not exist');
    }
    await git.writeRef({ fs, gitdir, ref, value: sha });
    return HttpResponse.json(this.refJson(owner, repo, ref, sha), {
      status: 201,
    });
  }

  private pullJson(owner: string, repo: string, pull: FakePullRequest) {
    return {
      ...pull,
      url: `${API}/repos/${owner}/${repo}/pulls/${pull.number}`,
    };
  }

  /** POST /repos/{owner}/{repo}/pulls: `{title, head, base, body}` → 201, or 422. */
  private async createPull(owner: string, repo: string, body: any) {
    const headRef = String(body?.head ?? '').replace(`${owner}:`, '');
    const baseRef = String(body?.base ?? '');
    const headSha = await this.refCommit(owner, repo, `refs/heads/${headRef}`);
    const baseSha = await this.refCommit(owner, repo, `refs/heads/${baseRef}`);
    const invalid =
      (!body?.title && { field: 'title', code: 'missing_field' }) ||
      (!headSha && { field: 'head', code: 'invalid' }) ||
      (!baseSha && { field: 'base', code: 'invalid' });
    if (invalid || !headSha || !baseSha) {
      return HttpResponse.json(
        {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              ...invalid,
            },
          ],
        },
        { status: 422 },
      );
    }
    const pulls = this.pullRequests(owner, repo);
    if (
      pulls.some(
        p =>
          p.state === 'open' &&
          p.head.ref === headRef &&
          p.base.ref === baseRef,
      )
    ) {
      return HttpResponse.json(
        {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${owner}:${headRef}.`,
            },
          ],
        },
        { status: 422 },
      );
    }
    const pull: FakePullRequest = {
      number: pulls.length + 1,
      state: 'open',
      title: String(body.title),
      body: body.body === undefined ? null : String(body.body),
      html_url: `${WEB}/${owner}/${repo}/pull/${pulls.length + 1}`,
      head: { ref: headRef, sha: headSha, label: `${owner}:${headRef}` },
      base: { ref: baseRef, sha: baseSha, label: `${owner}:${baseRef}` },
    };
    this.pulls.set(`${owner}/${repo}`, [...pulls, pull]);
    return HttpResponse.json(this.pullJson(owner, repo, pull), {
      status: 201,
    });
  }

  /** GitHub's default branch is the bare repository's HEAD. */
  defaultBranch(owner: string, repo: string): string {
    const head = fs.readFileSync(
      path.join(this.repoDir(owner, repo), 'HEAD'),
      'utf8',
    );
    return head.replace(/^ref: refs\/heads\//, '').trim();
  }

  private repoJson(owner: string, repo: string) {
    return {
      id: 1,
      name: repo,
      full_name: `${owner}/${repo}`,
      private: true,
      owner: { login: owner, type: this.options.accounts[owner] },
      html_url: `${WEB}/${owner}/${repo}`,
      clone_url: `${WEB}/${owner}/${repo}.git`,
      default_branch: this.defaultBranch(owner, repo),
    };
  }

  private async createRepo(owner: string, body: any) {
    const repo = String(body?.name ?? '');
    const dir = this.repoDir(owner, repo);
    if (fs.existsSync(dir)) {
      return HttpResponse.json(
        {
          message: 'Repository creation failed.',
          errors: [
            {
              resource: 'Repository',
              code: 'custom',
              field: 'name',
              message: 'name already exists on this account',
            },
          ],
        },
        { status: 422 },
      );
    }
    await this.addExistingRepository(owner, repo);
    return HttpResponse.json(this.repoJson(owner, repo), { status: 201 });
  }

  handlers(): HttpHandler[] {
    const unauthorized = () =>
      HttpResponse.json({ message: 'Bad credentials' }, { status: 401 });
    const authenticatedUser = Object.keys(this.options.accounts).find(
      login => this.options.accounts[login] === 'User',
    );
    return [
      // Every API call must carry the integration's token.
      http.all(`${API}/*`, async ({ request }) => {
        if ((await this.record(request)).auth !== 'token')
          return unauthorized();
        return undefined; // fall through to the endpoint
      }),
      http.get(`${API}/users/:login`, ({ params }) => {
        const login = String(params.login);
        const type = this.options.accounts[login];
        return type
          ? HttpResponse.json({ login, id: 1, type })
          : HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      }),
      http.post(`${API}/orgs/:org/repos`, async ({ params, request }) =>
        this.createRepo(String(params.org), await request.json()),
      ),
      http.post(`${API}/user/repos`, async ({ request }) =>
        authenticatedUser
          ? this.createRepo(authenticatedUser, await request.json())
          : unauthorized(),
      ),
      http.get(`${API}/repos/:owner/:repo`, ({ params }) => {
        const owner = String(params.owner);
        const repo = String(params.repo);
        return fs.existsSync(this.repoDir(owner, repo))
          ? HttpResponse.json(this.repoJson(owner, repo))
          : HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      }),
      http.put(
        `${API}/repos/:owner/:repo/branches/:branch/protection`,
        ({ params }) =>
          HttpResponse.json({
            url: `${API}/repos/${params.owner}/${params.repo}/branches/${params.branch}/protection`,
          }),
      ),
      // The refs API: create a branch at a commit, read one.
      http.post(
        `${API}/repos/:owner/:repo/git/refs`,
        async ({ params, request }) =>
          this.createRef(
            String(params.owner),
            String(params.repo),
            await request.json(),
          ),
      ),
      http.get(
        `${API}/repos/:owner/:repo/git/ref/*`,
        async ({ params, request }) => {
          const owner = String(params.owner);
          const repo = String(params.repo);
          const ref = `refs/${decodeURIComponent(
            new URL(request.url).pathname.split('/git/ref/')[1],
          )}`;
          const sha = await this.refCommit(owner, repo, ref);
          if (sha)
            return HttpResponse.json(this.refJson(owner, repo, ref, sha));
          // GitHub answers a repository without a commit with 409, any other missing ref with 404.
          const gitdir = this.repoDir(owner, repo);
          const empty =
            fs.existsSync(gitdir) &&
            (await git.listBranches({ fs, gitdir })).length === 0;
          return empty
            ? HttpResponse.json(
                { message: 'Git Repository is empty.' },
                { status: 409 },
              )
            : HttpResponse.json({ message: 'Not Found' }, { status: 404 });
        },
      ),
      // The pulls API: list (filtered by state, head `owner:branch` and base), create.
      http.get(`${API}/repos/:owner/:repo/pulls`, ({ params, request }) => {
        const owner = String(params.owner);
        const repo = String(params.repo);
        const query = new URL(request.url).searchParams;
        const state = query.get('state') ?? 'open';
        const head = query.get('head');
        const base = query.get('base');
        return HttpResponse.json(
          this.pullRequests(owner, repo)
            .filter(p => state === 'all' || p.state === state)
            .filter(p => !head || p.head.label === head)
            .filter(p => !base || p.base.ref === base)
            .map(p => this.pullJson(owner, repo, p)),
        );
      }),
      http.post(
        `${API}/repos/:owner/:repo/pulls`,
        async ({ params, request }) =>
          this.createPull(
            String(params.owner),
            String(params.repo),
            await request.json(),
          ),
      ),
      // The contents API, as GithubUrlReader reads a file (Accept: application/vnd.github.v3.raw).
      http.get(
        `${API}/repos/:owner/:repo/contents/*`,
        async ({ params, request }) => {
          const owner = String(params.owner);
          const repo = String(params.repo);
          const url = new URL(request.url);
          const filepath = decodeURIComponent(
            url.pathname.split('/contents/')[1],
          );
          const gitdir = this.repoDir(owner, repo);
          try {
            const oid = await git.resolveRef({
              fs,
              gitdir,
              ref: url.searchParams.get('ref') ?? 'main',
            });
            const { blob } = await git.readBlob({ fs, gitdir, oid, filepath });
            return new HttpResponse(Buffer.from(blob), {
              headers: {
                'content-type': 'application/vnd.github.v3.raw',
                etag: `"${oid}"`,
              },
            });
          } catch {
            return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
          }
        },
      ),
      http.all(`${API}/*`, ({ request }) =>
        HttpResponse.json(
          {
            message: `Not implemented by the fake: ${request.method} ${
              new URL(request.url).pathname
            }`,
          },
          { status: 501 },
        ),
      ),

      // git smart HTTP. GitHub answers 401 without credentials; isomorphic-git then asks onAuth.
      http.all(`${WEB}/:owner/:repo/*`, async ({ params, request }) => {
        const entry = await this.record(request);
        if (entry.auth !== 'basic') {
          return new HttpResponse('Unauthorized', {
            status: 401,
            headers: { 'www-authenticate': 'Basic realm="GitHub"' },
          });
        }
        const owner = String(params.owner);
        const repo = String(params.repo);
        if (
          !repo.endsWith('.git') ||
          !fs.existsSync(this.repoDir(owner, repo.slice(0, -4)))
        ) {
          return new HttpResponse('Repository not found.', { status: 404 });
        }
        const url = new URL(request.url);
        const result = await gitHttpBackend({
          projectRoot: this.options.root,
          method: request.method,
          pathInfo: url.pathname,
          query: url.search.replace(/^\?/, ''),
          contentType: request.headers.get('content-type'),
          body: Buffer.from(await request.arrayBuffer()),
        });
        return new HttpResponse(result.body, {
          status: result.status,
          headers: result.headers,
        });
      }),
    ];
  }
}

/**
 * msw serving the fake in this process (Octokit's fetch and isomorphic-git's
 * HTTP both go through it), with every request that would otherwise leave the
 * machine recorded in `escaped`: a test expects that list empty.
 */
export function interceptGitHub(github: FakeGitHub) {
  const escaped: string[] = [];
  const server = setupServer(...github.handlers());
  return {
    escaped,
    listen: () =>
      server.listen({
        onUnhandledRequest: request => {
          const { hostname } = new URL(request.url);
          if (hostname !== 'localhost' && hostname !== '127.0.0.1') {
            escaped.push(`${request.method} ${request.url}`);
          }
        },
      }),
    close: () => server.close(),
  };
}
