import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** A git command that failed: its arguments, exit code and what it said. */
export class GitCommandError extends Error {
  readonly code: number;
  readonly stderr: string;

  constructor(args: string[], result: GitResult) {
    super(
      `git ${args.join(' ')} failed (exit ${result.code}): ${
        result.stderr.trim() || result.stdout.trim()
      }`,
    );
    this.name = 'GitCommandError';
    this.code = result.code;
    this.stderr = result.stderr;
  }
}

/**
 * The one program the module's actions run: upgrades merge with git. A portal
 * that runs the upgrade steps needs it on its PATH (the portal image installs
 * it; packages/backend/src/dockerfile.test.ts holds the image to this).
 */
export const GIT_EXECUTABLE = 'git';

/**
 * Settings that would make what git writes depend on the machine it runs on
 * (the user's global ignore file, line-ending conversion, commit signing,
 * hooks), pinned to git's defaults on Linux: for commits that must hold
 * exactly the files given, as a render does.
 */
export const PINNED_GIT_CONFIG = [
  '-c',
  'core.excludesFile=/dev/null',
  '-c',
  'core.autocrlf=false',
  '-c',
  'core.fileMode=true',
  '-c',
  'core.symlinks=true',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'commit.gpgSign=false',
];

/** Who commits: the upgrade's render and merge commits carry this identity. */
export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * Runs the git binary: the merge machinery (three-way merge, conflict markers,
 * rename detection) is git's own, so an upgrade merges as a developer's
 * `git merge` would. Output is untranslated (LC_ALL=C) so it can be parsed,
 * and git never prompts.
 */
export async function runGit(
  args: string[],
  options: {
    cwd: string;
    identity?: GitIdentity;
    /** Exit codes that are answers, not failures (e.g. 1 from a merge with conflicts). */
    okCodes?: number[];
  },
): Promise<GitResult> {
  const identity = options.identity
    ? [
        '-c',
        `user.name=${options.identity.name}`,
        '-c',
        `user.email=${options.identity.email}`,
      ]
    : [];
  const fullArgs = [...identity, ...args];
  const result = await new Promise<GitResult>((resolve, reject) => {
    execFile(
      GIT_EXECUTABLE,
      fullArgs,
      {
        cwd: options.cwd,
        env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
          reject(
            missing
              ? new Error(
                  existsSync(options.cwd)
                    ? 'git is not installed: upgrades merge with the git binary'
                    : `${options.cwd} does not exist`,
                )
              : error,
          );
          return;
        }
        resolve({
          stdout,
          stderr,
          code: typeof error?.code === 'number' ? error.code : 0,
        });
      },
    );
  });
  if (result.code !== 0 && !(options.okCodes ?? []).includes(result.code)) {
    throw new GitCommandError(args, result);
  }
  return result;
}

/**
 * The identity git would commit with in a folder (the developer's own, from
 * their git config), or the fallback when it names nobody.
 */
export async function configuredIdentity(
  cwd: string,
  fallback: GitIdentity,
): Promise<GitIdentity> {
  const read = async (key: string) => {
    if (!existsSync(cwd)) return '';
    const { stdout } = await runGit(['config', '--get', key], {
      cwd,
      okCodes: [1],
    });
    return stdout.trim();
  };
  const [name, email] = [await read('user.name'), await read('user.email')];
  return name && email ? { name, email } : fallback;
}

/** Succeeds (exit 0) or not (exit 1): `git merge-base --is-ancestor`. */
export async function isAncestor(cwd: string, ancestor: string, of: string) {
  const { code } = await runGit(['merge-base', '--is-ancestor', ancestor, of], {
    cwd,
    okCodes: [1],
  });
  return code === 0;
}

/** The commit a ref or revision names, or undefined when it names none. */
export async function revParse(
  cwd: string,
  ref: string,
): Promise<string | undefined> {
  const { code, stdout } = await runGit(
    ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`],
    {
      cwd,
      okCodes: [1],
    },
  );
  return code === 0 ? stdout.trim() : undefined;
}

/** A file as a commit holds it, or undefined when the commit has none. */
export async function fileAt(
  cwd: string,
  rev: string,
  file: string,
): Promise<string | undefined> {
  const { code, stdout } = await runGit(['show', `${rev}:${file}`], {
    cwd,
    okCodes: [128],
  });
  return code === 0 ? stdout : undefined;
}
