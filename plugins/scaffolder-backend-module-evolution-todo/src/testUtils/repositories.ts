import { safeParseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  INITIAL_COMMIT_MESSAGE,
  LOCAL_DEFAULT_BRANCH,
} from '../publish/localDestination';
import { createLocalRepository } from '../publish/localRepository';
import { TEMPLATE_BRANCH } from '../upgrade/branches';
import { fileAt, runGit, type GitIdentity } from '../upgrade/git';
import type { RenderTemplate } from '../upgrade/upgradeRepository';

export const TEST_IDENTITY: GitIdentity = {
  name: 'Upgrade Test',
  email: 'upgrade-test@example.com',
};

/** Fully resolved parameters, as a record holds them. */
export function resolvedParameters(input: Record<string, unknown>) {
  const parsed = safeParseDeploymentParameters(input);
  if (!parsed.success) {
    throw new Error(JSON.stringify(parsed.issues));
  }
  return parsed.parameters;
}

/** A folder under the OS temp dir, removed by the returned function. */
export async function scratchFolder(prefix: string) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

/**
 * A repository as the local destination creates it: the render of
 * `parameters`, first commit on main and on the template branch.
 */
export async function createRenderedRepository(
  render: RenderTemplate,
  parameters: Record<string, unknown>,
  repoDir: string,
): Promise<void> {
  const renderDir = `${repoDir}.render`;
  await fs.mkdir(renderDir, { recursive: true });
  try {
    await render(resolvedParameters(parameters), renderDir);
    await createLocalRepository({
      sourceDir: renderDir,
      repoDir,
      defaultBranch: LOCAL_DEFAULT_BRANCH,
      message: INITIAL_COMMIT_MESSAGE,
      author: TEST_IDENTITY,
      templateBranch: TEMPLATE_BRANCH,
    });
  } finally {
    await fs.rm(renderDir, { recursive: true, force: true });
  }
}

/** The team's work: edits files on the checked-out branch and commits them with git. */
export async function commitTeamEdit(
  repoDir: string,
  edit: (
    read: (file: string) => Promise<string>,
  ) => Promise<Record<string, string>>,
  message = 'Team edit',
): Promise<void> {
  const read = (file: string) => fs.readFile(path.join(repoDir, file), 'utf8');
  const files = await edit(read);
  for (const [file, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(repoDir, file)), { recursive: true });
    await fs.writeFile(path.join(repoDir, file), content);
  }
  await runGit(['add', '-A'], { cwd: repoDir });
  await runGit(['commit', '-q', '-m', message], {
    cwd: repoDir,
    identity: TEST_IDENTITY,
  });
}

/** A file as a branch of the repository holds it; fails when the branch has no such file. */
export async function showFile(
  repoDir: string,
  ref: string,
  file: string,
): Promise<string> {
  const text = await fileAt(repoDir, ref, file);
  if (text === undefined) {
    throw new Error(`${ref} of ${repoDir} has no ${file}`);
  }
  return text;
}

/** The branches of a repository and their commits, to prove what an upgrade did or did not touch. */
export async function refsOf(repoDir: string): Promise<Record<string, string>> {
  const { stdout } = await runGit(
    ['for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads'],
    { cwd: repoDir },
  );
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map(line => line.split(' ')),
  );
}

/** What `git status` says about the worktree and index (empty when clean). */
export async function statusOf(repoDir: string): Promise<string> {
  return (await runGit(['status', '--porcelain'], { cwd: repoDir })).stdout;
}
