import { InputError } from '@backstage/errors';
import {
  cloneGithubRepository,
  githubBranchCommit,
  githubDefaultBranch,
  githubFileAt,
  type GithubRepositoryAccess,
} from '../publish/github';
import { TEMPLATE_BRANCH } from './branches';
import { RECORD_PATH } from './record';
import {
  readRecordedRepository,
  recordOrRefusal,
  type BranchRecord,
  type RecordedRepository,
} from './repository';

/** The branches an upgrade reads and writes: the template branch and the upgrade branches. */
export const UPGRADE_BRANCH_PREFIX = 'evolution-todo/';

/**
 * A GitHub repository as an upgrade starts from it: cloned over HTTPS into
 * dir (an empty folder) with its default branch checked out and local
 * branches for the template and upgrade branches, then read as a local one
 * (readRecordedRepository). Refusals name the repository's URL, not the
 * scratch folder.
 */
export async function readGithubRecordedRepository(
  access: GithubRepositoryAccess,
  dir: string,
): Promise<RecordedRepository> {
  await cloneGithubRepository(access, dir, UPGRADE_BRANCH_PREFIX);
  try {
    return await readRecordedRepository(dir);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw withGithubHint(
      new InputError(error.message.split(dir).join(access.htmlUrl)),
    );
  }
}

/**
 * The record on a GitHub repository's default branch, read through the REST
 * API without a clone: the branch, its last commit, the record file at that
 * commit and whether the template branch exists. For readers that need the
 * record only (the upgrade form, the upgrade's parameters step), however
 * large the repository; the same refusals as readGithubRecordedRepository.
 */
export async function readGithubBranchRecord(
  access: GithubRepositoryAccess,
): Promise<BranchRecord> {
  const branch = await githubDefaultBranch(access);
  const head = await githubBranchCommit(access, branch);
  if (head === undefined) {
    throw new InputError(
      `${access.htmlUrl} has no commit on ${branch}: there is nothing to upgrade`,
    );
  }
  const [recordText, templateCommit] = await Promise.all([
    githubFileAt(access, head, RECORD_PATH),
    githubBranchCommit(access, TEMPLATE_BRANCH),
  ]);
  try {
    const record = recordOrRefusal({
      where: access.htmlUrl,
      branch,
      recordText,
      hasTemplateBranch: templateCommit !== undefined,
    });
    return { branch, head, record };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw withGithubHint(error);
  }
}

/** A refusal for want of the template branch, with how a repository published before it was made gets one. */
function withGithubHint(error: InputError): InputError {
  return error.message.includes(`no branch ${TEMPLATE_BRANCH}`)
    ? new InputError(
        `${error.message} If it was published to GitHub before the template branch was made at create time, and main's first commit is still the pure render: git push origin $(git rev-list --max-parents=0 HEAD):refs/heads/${TEMPLATE_BRANCH}`,
      )
    : error;
}
