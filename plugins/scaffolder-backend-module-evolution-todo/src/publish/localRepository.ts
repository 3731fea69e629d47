import fs from 'node:fs/promises';
import path from 'node:path';
import git from 'isomorphic-git';

export interface CreateRepositoryOptions {
  sourceDir: string;
  repoDir: string;
  defaultBranch: string;
  message: string;
  author: { name: string; email: string };
}

/**
 * Copies sourceDir to repoDir and commits everything as the first commit.
 * Works in a sibling temp folder and renames at the end, so a failure leaves
 * no half-written repository behind (and a retry is not blocked by one).
 */
export async function createLocalRepository(
  options: CreateRepositoryOptions,
): Promise<{ commitHash: string }> {
  const { sourceDir, repoDir, defaultBranch, message, author } = options;
  await fs.mkdir(path.dirname(repoDir), { recursive: true });
  const staging = await fs.mkdtemp(`${repoDir}.partial-`);
  try {
    await fs.cp(sourceDir, staging, { recursive: true });
    await git.init({ fs, dir: staging, defaultBranch });
    await git.add({ fs, dir: staging, filepath: '.' });
    const commitHash = await git.commit({
      fs,
      dir: staging,
      message,
      author,
    });
    await fs.rename(staging, repoDir);
    return { commitHash };
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
}
