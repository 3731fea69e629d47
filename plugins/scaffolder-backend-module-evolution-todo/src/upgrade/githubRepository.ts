import { InputError } from '@backstage/errors';
import {
  cloneGithubRepository,
  type GithubRepositoryAccess,
} from '../publish/github';
import { TEMPLATE_BRANCH } from './branches';
import { readRecordedRepository, type RecordedRepository } from './repository';

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
    const message = error.message.split(dir).join(access.htmlUrl);
    throw new InputError(
      message.includes(`no branch ${TEMPLATE_BRANCH}`)
        ? `${message} If it was published to GitHub before the template branch was made at create time, and main's first commit is still the pure render: git push origin $(git rev-list --max-parents=0 HEAD):refs/heads/${TEMPLATE_BRANCH}`
        : message,
    );
  }
}
