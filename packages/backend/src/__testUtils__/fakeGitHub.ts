import git from 'isomorphic-git';
import { http, HttpResponse, type HttpHandler } from 'msw';
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
 * GitHub as far as publish:github and catalog:register use it, for msw: the REST
 * endpoints that create a repository and protect its branch, the contents API the
 * catalog reads catalog-info.yaml through, and git's smart-HTTP endpoints, served
 * by `git http-backend` on bare repositories in a temporary folder.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];

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

  private repoJson(owner: string, repo: string) {
    return {
      id: 1,
      name: repo,
      full_name: `${owner}/${repo}`,
      private: true,
      owner: { login: owner, type: this.options.accounts[owner] },
      html_url: `${WEB}/${owner}/${repo}`,
      clone_url: `${WEB}/${owner}/${repo}.git`,
      default_branch: 'main',
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
      http.put(
        `${API}/repos/:owner/:repo/branches/:branch/protection`,
        ({ params }) =>
          HttpResponse.json({
            url: `${API}/repos/${params.owner}/${params.repo}/branches/${params.branch}/protection`,
          }),
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
