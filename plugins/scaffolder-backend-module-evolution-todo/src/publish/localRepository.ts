import { ConflictError } from '@backstage/errors';
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import git from 'isomorphic-git';

export interface CreateRepositoryOptions {
  sourceDir: string;
  repoDir: string;
  defaultBranch: string;
  message: string;
  author: { name: string; email: string };
  /**
   * A second branch at the first commit: the template branch of a repository
   * made by the template (its first commit is the template's pure render).
   */
  templateBranch?: string;
}

export interface LocalPublication {
  commitHash: string;
  /**
   * True when repoDir already held this very publication (one commit of the
   * same files with the same message): a run whose first attempt published
   * but died before the scaffolder recorded its checkpoint.
   */
  reused: boolean;
}

/**
 * Copies sourceDir to repoDir and commits everything as the first commit (on
 * the default branch, and on templateBranch when given).
 * Works in a sibling temp folder and renames at the end, so a failure leaves
 * no half-written repository behind (and a retry is not blocked by one).
 *
 * When repoDir exists already, the staged commit is compared with it: the
 * same tree and message on the branch's only commit is the same publication
 * and is reused (no second commit); anything else is a ConflictError and
 * repoDir is left untouched.
 */
export async function createLocalRepository(
  options: CreateRepositoryOptions,
): Promise<LocalPublication> {
  const { sourceDir, repoDir, defaultBranch, message, author, templateBranch } =
    options;
  await fs.mkdir(path.dirname(repoDir), { recursive: true });
  const staging = await fs.mkdtemp(`${repoDir}.partial-`);
  try {
    await copyDirectory(sourceDir, staging);
    await git.init({ fs, dir: staging, defaultBranch });
    await git.add({ fs, dir: staging, filepath: '.' });
    const commitHash = await git.commit({
      fs,
      dir: staging,
      message,
      author,
    });
    if (templateBranch) {
      await git.branch({
        fs,
        dir: staging,
        ref: templateBranch,
        object: commitHash,
      });
    }
    if (!(await exists(repoDir))) {
      try {
        await fs.rename(staging, repoDir);
        return { commitHash, reused: false };
      } catch (error) {
        // Another attempt renamed first (ENOTEMPTY / EEXIST): compare below.
        if (!(await exists(repoDir))) throw error;
      }
    }
    const staged = await git.readCommit({ fs, dir: staging, oid: commitHash });
    const existing = await sameOnlyCommit(
      repoDir,
      [defaultBranch, ...(templateBranch ? [templateBranch] : [])],
      { tree: staged.commit.tree, message: staged.commit.message },
    );
    await fs.rm(staging, { recursive: true, force: true });
    if (!existing) {
      throw new ConflictError(
        `repoName: the local destination ${repoDir} already exists; choose another name`,
      );
    }
    return { commitHash: existing, reused: true };
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The oid of the only commit of the branches when they all point at it and it
 * has this tree and message; undefined otherwise.
 */
async function sameOnlyCommit(
  repoDir: string,
  [branch, ...others]: string[],
  expected: { tree: string; message: string },
): Promise<string | undefined> {
  try {
    const log = await git.log({ fs, dir: repoDir, ref: branch, depth: 2 });
    if (log.length !== 1) return undefined;
    const [{ oid, commit }] = log;
    for (const other of others) {
      if ((await git.resolveRef({ fs, dir: repoDir, ref: other })) !== oid) {
        return undefined;
      }
    }
    return commit.tree === expected.tree && commit.message === expected.message
      ? oid
      : undefined;
  } catch {
    // Not a git repository, or no such branch: not our publication.
    return undefined;
  }
}

/**
 * Copies every file and symbolic link below sourceDir into targetDir (which
 * exists), keeping file modes (copyFile keeps them) and link targets as they
 * are (fs.cp made relative links absolute, into the workspace that the
 * scaffolder deletes). Folders are made first, then everything is copied at
 * once: fs.cp checks each entry and its parents one call after the other, and
 * took three times as long and as much CPU for the skeleton's 63 files here.
 */
export async function copyDirectory(
  sourceDir: string,
  targetDir: string,
): Promise<void> {
  const entries = await fs.readdir(sourceDir, {
    recursive: true,
    withFileTypes: true,
  });
  const relative = (entry: Dirent) =>
    path.relative(sourceDir, path.join(entry.parentPath, entry.name));
  await Promise.all(
    entries
      .filter(entry => entry.isDirectory())
      .map(entry =>
        fs.mkdir(path.join(targetDir, relative(entry)), { recursive: true }),
      ),
  );
  await Promise.all(
    entries
      .filter(entry => !entry.isDirectory())
      .map(async entry => {
        const from = path.join(sourceDir, relative(entry));
        const to = path.join(targetDir, relative(entry));
        if (entry.isSymbolicLink()) {
          await fs.symlink(await fs.readlink(from), to);
        } else if (entry.isFile()) {
          await fs.copyFile(from, to);
        } else {
          throw new Error(
            `${relative(
              entry,
            )} is neither a file, a folder nor a link; not published`,
          );
        }
      }),
  );
}

async function exists(target: string): Promise<boolean> {
  return fs.access(target).then(
    () => true,
    () => false,
  );
}
