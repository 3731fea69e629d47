import type { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import fs from 'node:fs';
import { Octokit } from 'octokit';

/*
 * The GitHub destination, as far as our actions use it: the integration's
 * credentials (ScmIntegrations + DefaultGithubCredentialsProvider, as
 * publish:github gets them), the REST API through Octokit, and git over
 * HTTPS through isomorphic-git with the token as the password of
 * x-access-token. The token lives in memory only: never in a remote URL, a
 * git config, a log line or an output.
 */

/** A GitHub repository and how to reach it with the integration's credentials. */
export interface GithubRepositoryAccess {
  host: string;
  owner: string;
  repo: string;
  /** The scaffolder's form of it: `github.com?owner=o&repo=r`. */
  repoUrl: string;
  /** `https://github.com/o/r`, for links. */
  htmlUrl: string;
  /** `https://github.com/o/r.git`, for git (no credentials in it). */
  cloneUrl: string;
  octokit: Octokit;
  /** isomorphic-git's onAuth: the token as HTTP basic auth. */
  onAuth: () => { username: string; password: string };
}

/**
 * Access to the repository a scaffolder repoUrl names (`github.com?owner=o&repo=r`),
 * with the token of the GitHub integration for its host. An InputError names
 * `field` when the URL is not a GitHub repository of a configured
 * integration, or the integration has no credentials.
 */
export async function githubRepositoryAccess(
  config: Config,
  repoUrl: string,
  field: string,
): Promise<GithubRepositoryAccess> {
  const integrations = ScmIntegrations.fromConfig(config);
  let parsed: { host: string; owner?: string; repo: string };
  try {
    parsed = parseRepoUrl(repoUrl, integrations);
  } catch (error) {
    throw new InputError(
      `${field}: must be a GitHub repository as host?owner=OWNER&repo=REPO (got ${JSON.stringify(
        repoUrl,
      )}): ${(error as Error).message}`,
    );
  }
  const integration = integrations.github.byHost(parsed.host);
  if (!integration || !parsed.owner) {
    throw new InputError(
      `${field}: ${
        parsed.host
      } is not a GitHub host of integrations.github in app-config, or the owner is missing (got ${JSON.stringify(
        repoUrl,
      )})`,
    );
  }
  const { host, owner, repo } = { ...parsed, owner: parsed.owner };
  const htmlUrl = `https://${host}/${owner}/${repo}`;
  const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
    integrations,
  ).getCredentials({ url: htmlUrl });
  if (!token) {
    throw new InputError(
      `${field}: the GitHub integration for ${host} has no credentials (integrations.github[].token or apps in app-config)`,
    );
  }
  return {
    host,
    owner,
    repo,
    repoUrl: `${host}?owner=${encodeURIComponent(
      owner,
    )}&repo=${encodeURIComponent(repo)}`,
    htmlUrl,
    cloneUrl: `${htmlUrl}.git`,
    octokit: new Octokit({
      auth: token,
      baseUrl: integration.config.apiBaseUrl,
      // Octokit retries any answer from 400 up except these, with growing pauses (about
      // 14 s in all). GitHub's 409 is never transient: an empty repository ("Git
      // Repository is empty") or a conflict.
      retry: { doNotRetry: [400, 401, 403, 404, 409, 422, 451] },
    }),
    onAuth: () => ({ username: 'x-access-token', password: token }),
  };
}

/**
 * The scaffolder repoUrl of the GitHub repository a catalog entity was read
 * from (`url:https://github.com/o/r/tree/main/catalog-info.yaml`), or
 * undefined when the location is not on a GitHub host of the integrations.
 */
export function githubRepoUrlOfLocation(
  config: Config,
  location: string | undefined,
): string | undefined {
  if (!location?.startsWith('url:')) return undefined;
  let url: URL;
  try {
    url = new URL(location.slice('url:'.length));
  } catch {
    return undefined;
  }
  const integrations = ScmIntegrations.fromConfig(config);
  if (!integrations.github.byHost(url.host)) return undefined;
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  if (!owner || !repo) return undefined;
  return `${url.host}?owner=${encodeURIComponent(
    owner,
  )}&repo=${encodeURIComponent(repo.replace(/\.git$/, ''))}`;
}

/** GitHub's 422 (Validation Failed) and 404 answers, as Octokit throws them. */
function statusOf(error: unknown): number | undefined {
  return typeof (error as { status?: unknown })?.status === 'number'
    ? (error as { status: number }).status
    : undefined;
}

/** The commit a branch points at on GitHub, or undefined when there is no such branch. */
export async function githubBranchCommit(
  access: GithubRepositoryAccess,
  branch: string,
): Promise<string | undefined> {
  try {
    const { data } = await access.octokit.rest.git.getRef({
      owner: access.owner,
      repo: access.repo,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (error) {
    // 404: no such branch; 409 ("Git Repository is empty"): no branch at all.
    if (statusOf(error) === 404 || statusOf(error) === 409) return undefined;
    throw error;
  }
}

/**
 * A file's text at a commit on GitHub, through the contents API in its raw
 * form (one request, no clone), or undefined when the commit has no such file.
 */
export async function githubFileAt(
  access: GithubRepositoryAccess,
  commit: string,
  filePath: string,
): Promise<string | undefined> {
  try {
    const { data } = await access.octokit.rest.repos.getContent({
      owner: access.owner,
      repo: access.repo,
      path: filePath,
      ref: commit,
      mediaType: { format: 'raw' },
    });
    // Octokit gives text for a text content type, bytes for any other.
    const raw: unknown = data;
    return typeof raw === 'string'
      ? raw
      : Buffer.from(raw as ArrayBuffer).toString('utf8');
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** The repository's default branch, as GitHub's REST API names it. */
export async function githubDefaultBranch(
  access: GithubRepositoryAccess,
): Promise<string> {
  const { data } = await access.octokit.rest.repos.get({
    owner: access.owner,
    repo: access.repo,
  });
  return data.default_branch;
}

/**
 * Creates a branch at a commit through the refs API. A branch already there
 * at that commit is success (a retried step); at another commit it is a
 * ConflictError, and nothing is changed.
 */
export async function createGithubBranch(
  access: GithubRepositoryAccess,
  branch: string,
  sha: string,
): Promise<'created' | 'existed'> {
  try {
    await access.octokit.rest.git.createRef({
      owner: access.owner,
      repo: access.repo,
      ref: `refs/heads/${branch}`,
      sha,
    });
    return 'created';
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    const existing = await githubBranchCommit(access, branch);
    if (existing === sha) return 'existed';
    if (existing === undefined) {
      throw new InputError(
        `${access.owner}/${
          access.repo
        } refused the branch ${branch} at ${sha}: ${(error as Error).message}`,
      );
    }
    throw new ConflictError(
      `${access.owner}/${
        access.repo
      } has a branch ${branch} already, at ${existing.slice(
        0,
        12,
      )}, not ${sha.slice(0, 12)}; nothing was changed`,
    );
  }
}

/**
 * Clones the repository over HTTPS into dir (an empty folder) with its
 * default branch checked out, and makes a local branch of every remote
 * branch under `prefix` (the template and upgrade branches), so git sees
 * them as the local destination's repositories have them.
 */
export async function cloneGithubRepository(
  access: GithubRepositoryAccess,
  dir: string,
  prefix: string,
): Promise<{ defaultBranch: string; head: string }> {
  await git.clone({
    fs,
    http,
    dir,
    url: access.cloneUrl,
    onAuth: access.onAuth,
    noTags: true,
  });
  const defaultBranch = await git.currentBranch({ fs, dir });
  if (!defaultBranch) {
    throw new InputError(
      `${access.htmlUrl} has no default branch: there is nothing to upgrade`,
    );
  }
  const remoteBranches = await git.listBranches({ fs, dir, remote: 'origin' });
  for (const branch of remoteBranches) {
    if (!branch.startsWith(prefix) || branch === defaultBranch) continue;
    await git.branch({
      fs,
      dir,
      ref: branch,
      object: await git.resolveRef({
        fs,
        dir,
        ref: `refs/remotes/origin/${branch}`,
      }),
    });
  }
  return {
    defaultBranch,
    head: await git.resolveRef({ fs, dir, ref: 'HEAD' }),
  };
}

/**
 * Pushes a local branch of a clone to the same branch on GitHub. Without
 * force GitHub takes fast-forwards only, so a branch moved meanwhile makes
 * the push fail rather than lose a commit.
 */
export async function pushGithubBranch(
  access: GithubRepositoryAccess,
  dir: string,
  branch: string,
  options: { force?: boolean } = {},
): Promise<void> {
  const result = await git.push({
    fs,
    http,
    dir,
    url: access.cloneUrl,
    ref: `refs/heads/${branch}`,
    remoteRef: `refs/heads/${branch}`,
    force: options.force ?? false,
    onAuth: access.onAuth,
  });
  const refResult = result.refs[`refs/heads/${branch}`];
  if (!result.ok || (refResult && !refResult.ok)) {
    throw new ConflictError(
      `GitHub refused the push of ${branch} to ${access.htmlUrl}: ${
        refResult?.error ?? result.error ?? 'unknown reason'
      }`,
    );
  }
}

/** A type, not an interface: a checkpoint's value must be a JsonValue. */
export type GithubPullRequest = {
  number: number;
  url: string;
  /** False when it was open already (a retried or repeated upgrade). */
  created: boolean;
};

/**
 * The open pull request from `head` into `base`, or a new one with the title
 * and body: an upgrade run twice opens one pull request.
 */
export async function findOrCreatePullRequest(
  access: GithubRepositoryAccess,
  pull: { head: string; base: string; title: string; body: string },
): Promise<GithubPullRequest> {
  const { owner, repo } = access;
  const { data: open } = await access.octokit.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    head: `${owner}:${pull.head}`,
    base: pull.base,
  });
  if (open.length > 0) {
    return { number: open[0].number, url: open[0].html_url, created: false };
  }
  const { data } = await access.octokit.rest.pulls.create({
    owner,
    repo,
    ...pull,
  });
  return { number: data.number, url: data.html_url, created: true };
}
