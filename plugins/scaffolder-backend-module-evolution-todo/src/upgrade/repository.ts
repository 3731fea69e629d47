import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import { TEMPLATE_BRANCH } from './branches';
import { fileAt, revParse, runGit } from './git';
import { parseRecord, RECORD_PATH, type TemplateRecord } from './record';

/** What made a repository, as read from the branch an upgrade starts from. */
export interface BranchRecord {
  /** The branch checked out (on GitHub: the default branch): the upgrade branch starts from its last commit. */
  branch: string;
  /** That commit. */
  head: string;
  /** The record as committed on that branch (the team may have edited it). */
  record: TemplateRecord;
}

/** A repository on this disk an upgrade can start from: on a branch, with its record and the template branch. */
export interface RecordedRepository extends BranchRecord {
  repoDir: string;
}

const issueList = (issues: { field: string; message: string }[]) =>
  issues.map(issue => `  - ${issue.field}: ${issue.message}`).join('\n');

/**
 * Reads what made a repository from its current branch's last commit
 * (uncommitted changes play no part in an upgrade). Refuses, with what to do,
 * a folder that is no git repository, a detached HEAD, and a repository that
 * has no record or no template branch (made before the template recorded
 * them, or not by the template at all).
 */
export async function readRecordedRepository(
  repoDir: string,
): Promise<RecordedRepository> {
  const stat = await fs.stat(repoDir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new InputError(`${repoDir} is not a folder`);
  }
  const top = await runGit(['rev-parse', '--show-toplevel'], {
    cwd: repoDir,
    okCodes: [128],
  });
  if (top.code !== 0) {
    throw new InputError(`${repoDir} is not a git repository`);
  }
  const symbolic = await runGit(
    ['symbolic-ref', '--quiet', '--short', 'HEAD'],
    {
      cwd: repoDir,
      okCodes: [1],
    },
  );
  if (symbolic.code !== 0) {
    throw new InputError(
      `${repoDir} has no branch checked out (detached HEAD); check out the branch to upgrade`,
    );
  }
  const branch = symbolic.stdout.trim();
  if (branch === TEMPLATE_BRANCH) {
    throw new InputError(
      `${repoDir} has ${TEMPLATE_BRANCH} checked out: that branch holds the template's renders only; check out the branch to upgrade`,
    );
  }
  const head = await revParse(repoDir, 'HEAD');
  if (head === undefined) {
    throw new InputError(
      `${repoDir} has no commit on ${branch}: there is nothing to upgrade`,
    );
  }
  const recordText = await fileAt(repoDir, 'HEAD', RECORD_PATH);
  const hasTemplateBranch =
    (await revParse(repoDir, `refs/heads/${TEMPLATE_BRANCH}`)) !== undefined;
  const record = recordOrRefusal({
    where: repoDir,
    branch,
    recordText,
    hasTemplateBranch,
  });
  return { repoDir, branch, head, record };
}

/**
 * The record of a repository from what was read of it, wherever from (a
 * folder here, or GitHub's API): the record file at the branch's last commit
 * and whether the template branch exists. Refuses, naming `where`, a
 * repository the template did not make (or made before it recorded) and an
 * invalid record.
 */
export function recordOrRefusal(read: {
  /** The repository as the user knows it: a folder or a URL. */
  where: string;
  branch: string;
  /** The record file at the branch's last commit; undefined when it has none. */
  recordText: string | undefined;
  hasTemplateBranch: boolean;
}): TemplateRecord {
  const { where, branch, recordText, hasTemplateBranch } = read;
  if (recordText === undefined || !hasTemplateBranch) {
    const missing = [
      ...(recordText === undefined ? [`no ${RECORD_PATH} on ${branch}`] : []),
      ...(hasTemplateBranch ? [] : [`no branch ${TEMPLATE_BRANCH}`]),
    ].join(' and ');
    throw new InputError(
      `${where} cannot be upgraded: it has ${missing}. Repositories made by the evolution-todo template record their parameters and keep the template's renders on ${TEMPLATE_BRANCH} since template version 1.0.0; this one was made before that or not by the template. Nothing was changed. Render a new repository with the same parameters (scripts/evolution-todo render --git) and move your changes over.`,
    );
  }
  const parsed = parseRecord(recordText);
  if (!parsed.ok) {
    throw new InputError(
      `${RECORD_PATH} on ${branch} is invalid; fix it and commit, then upgrade again:\n${issueList(
        parsed.issues,
      )}`,
    );
  }
  return parsed.record;
}
