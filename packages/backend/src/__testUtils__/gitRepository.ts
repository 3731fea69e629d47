import git from 'isomorphic-git';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export interface CommittedRepository {
  branch: string;
  /** Newest first. */
  commits: Awaited<ReturnType<typeof git.log>>;
  /** Every file of the branch's last commit, sorted. */
  files: string[];
  /** A file's content as committed (not as on disk). */
  read(filepath: string): Promise<string>;
  /** Every committed file with its content. */
  tree(): Promise<Map<string, Buffer>>;
}

/**
 * What a git repository holds on a branch, read with isomorphic-git: a working
 * repository (`dir`) or a bare one (`gitdir`).
 */
export async function readCommittedRepository(
  location: { dir: string } | { gitdir: string },
  branch = 'main',
): Promise<CommittedRepository> {
  const where = { fs, ...location };
  const commits = await git.log({ ...where, ref: branch });
  const files = (await git.listFiles({ ...where, ref: branch })).sort();
  const head = commits[0].oid;
  return {
    branch,
    commits,
    files,
    async read(filepath) {
      const { blob } = await git.readBlob({ ...where, oid: head, filepath });
      return Buffer.from(blob).toString('utf8');
    },
    async tree() {
      const entries = await Promise.all(
        files.map(async filepath => {
          const { blob } = await git.readBlob({
            ...where,
            oid: head,
            filepath,
          });
          return [filepath, Buffer.from(blob)] as const;
        }),
      );
      return new Map(entries);
    },
  };
}

/** Paths of files in the working tree that differ from HEAD (a clean checkout has none). */
export async function uncommittedChanges(dir: string): Promise<string[]> {
  const matrix = await git.statusMatrix({ fs, dir });
  // [filepath, HEAD, workdir, stage]: 1,1,1 is unmodified.
  return matrix
    .filter(
      ([, head, workdir, stage]) =>
        !(head === 1 && workdir === 1 && stage === 1),
    )
    .map(([filepath]) => filepath);
}

/** The git program in `cwd`, as a team member who commits runs it; its output. */
export const teamGit = (cwd: string, ...args: string[]): string =>
  execFileSync(
    'git',
    ['-c', 'user.name=Todo Team', '-c', 'user.email=team@example.com', ...args],
    { cwd, encoding: 'utf8' },
  );
