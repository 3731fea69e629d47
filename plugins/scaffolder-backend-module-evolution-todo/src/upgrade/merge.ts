import { ConflictError, InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  renderCommitMessage,
  TEMPLATE_BRANCH,
  upgradeBranch,
} from './branches';
import { describeConflict, listConflicts, type Conflict } from './conflicts';
import { fileAt, isAncestor, revParse, runGit, type GitIdentity } from './git';
import { RECORD_PATH } from './record';
import { readRecordFile } from './recordFile';
import type { RecordedRepository } from './repository';

export interface MergeRenderOptions {
  repository: RecordedRepository;
  /** The current template's pure render for the upgrade's parameters, its record included. */
  renderDir: string;
  identity: GitIdentity;
  /** Merge in the scratch clone only and push nothing: a preview. */
  dryRun?: boolean;
  /** A folder for the scratch clone (removed afterwards); a temporary one by default. */
  scratchDir?: string;
}

interface Versions {
  /** The version the branch recorded before the upgrade. */
  fromVersion: string;
  /** The version of the render. */
  toVersion: string;
}

export type UpgradeResult =
  | (Versions & {
      status: 'up-to-date';
      baseBranch: string;
      /** Why nothing was done, in one sentence. */
      reason: string;
    })
  | (Versions & {
      /** merged: no conflicts; conflicts: merged with every conflicting hunk marked. */
      status: 'merged' | 'conflicts';
      baseBranch: string;
      upgradeBranch: string;
      /** The template branch's tip after the upgrade (a new render commit, or the last one). */
      templateCommit: string;
      /** True when the render differed from the template branch's last one. */
      newRender: boolean;
      upgradeCommit: string;
      conflicts: Conflict[];
      /** `git diff --stat` of the upgrade branch against the base branch. */
      diffStat: string;
      /** The full patch of the upgrade branch against the base branch. */
      diff: string;
      /** False in a dry run: the branches exist only in the scratch clone. */
      pushed: boolean;
    });

/**
 * Whether the team's head took in an upgrade branch: merged (the branch is in
 * its history) or squash-merged or rebased (then only the record tells: the
 * branch's is the head's; an upgrade branch always changes the record, so an
 * unmerged one never has the head's).
 */
export async function takenIn(
  cwd: string,
  branchCommit: string,
  head: string,
): Promise<boolean> {
  if (await isAncestor(cwd, branchCommit, head)) return true;
  const record = await fileAt(cwd, branchCommit, RECORD_PATH);
  return (
    record !== undefined && record === (await fileAt(cwd, head, RECORD_PATH))
  );
}

/**
 * The team's head, or, when its history lost the render it last took in, a
 * commit on top of it with the very same files whose second parent is that
 * render. History loses it when an upgrade branch is squash-merged or
 * rebased, which many GitHub repositories require; git's merge base would
 * then fall back to an older render, and every line two template versions in
 * a row changed would conflict. With the extra commit the merge base is the
 * render the branch holds again, and only what the template changed since
 * reaches the merge. The render is found by its record: the newest commit of
 * the template branch whose record file is the head's, byte for byte (a
 * record names the template version and every parameter). A head whose record
 * matches no render (edited by hand) is merged as it is.
 */
async function headWithItsRender(
  clone: string,
  head: string,
  identity: GitIdentity,
): Promise<string> {
  const recorded = await fileAt(clone, head, RECORD_PATH);
  if (recorded === undefined) return head;
  // The renders before this upgrade's: a new render with the same record (a
  // template changed without a version bump) must not pass for one taken in.
  const renders = (
    await runGit(['rev-list', `refs/remotes/origin/${TEMPLATE_BRANCH}`], {
      cwd: clone,
    })
  ).stdout
    .split('\n')
    .filter(Boolean);
  for (const render of renders) {
    if ((await fileAt(clone, render, RECORD_PATH)) !== recorded) continue;
    if (await isAncestor(clone, render, head)) return head;
    const { stdout } = await runGit(
      [
        'commit-tree',
        `${head}^{tree}`,
        '-p',
        head,
        '-p',
        render,
        '-m',
        `Record that this branch holds the template render ${render.slice(
          0,
          12,
        )} (its upgrade was squash-merged or rebased), so upgrades merge from it`,
      ],
      { cwd: clone, identity },
    );
    return stdout.trim();
  }
  return head;
}

/** Replaces the worktree and index of the checked-out branch with the render, and commits when that changes anything. */
async function commitRender(
  clone: string,
  renderDir: string,
  toVersion: string,
  identity: GitIdentity,
): Promise<boolean> {
  await runGit(['rm', '-r', '-q', '-f', '--ignore-unmatch', '--', '.'], {
    cwd: clone,
  });
  await fs.cp(renderDir, clone, {
    recursive: true,
    filter: source => path.basename(source) !== '.git',
  });
  await runGit(['add', '-A', '--', '.'], { cwd: clone });
  const { code } = await runGit(['diff', '--cached', '--quiet'], {
    cwd: clone,
    okCodes: [1],
  });
  if (code === 0) return false;
  await runGit(
    ['commit', '-q', '--no-verify', '-m', renderCommitMessage(toVersion)],
    {
      cwd: clone,
      identity,
    },
  );
  return true;
}

function mergeMessage(versions: Versions, conflicts: Conflict[]): string {
  const title =
    versions.fromVersion === versions.toVersion
      ? `Upgrade: re-render evolution-todo template ${versions.toVersion} with changed parameters`
      : `Upgrade to evolution-todo template ${versions.toVersion} (from ${versions.fromVersion})`;
  if (conflicts.length === 0) return title;
  return `${title}\n\nConflicts, marked in the files; resolve them on this branch before merging:\n${conflicts
    .map(c => `  ${describeConflict(c)}`)
    .join('\n')}\n`;
}

/**
 * The upgrade, copier/cruft style: commits the render on the template branch
 * (the branch of pure renders, so the merge base is the render the team's
 * branch last took in) and merges that into `evolution-todo/upgrade-<version>`
 * off the team's branch. Git's three-way merge keeps every team edit the
 * template did not touch; where both changed the same lines it marks the
 * hunks (diff3 style, with the old render between) and the merge is
 * committed with them, listed, for the team to resolve on the branch.
 *
 * Everything happens in a scratch clone; only then are the two branches
 * pushed back, atomically and without force (but for replacing an upgrade
 * branch that was already merged), so the repository's checked-out branch,
 * its worktree and its index never change, and a template branch moved
 * meanwhile makes the push fail instead of losing a render.
 */
export async function mergeRender(
  options: MergeRenderOptions,
): Promise<UpgradeResult> {
  const { repository, renderDir, identity } = options;
  const rendered = await readRecordFile(renderDir);
  if (!rendered) {
    throw new InputError(
      `the render in ${renderDir} has no ${RECORD_PATH}: it is not a render of the evolution-todo template`,
    );
  }
  const versions: Versions = {
    fromVersion: repository.record.templateVersion,
    toVersion: rendered.templateVersion,
  };
  const baseBranch = repository.branch;
  const target = upgradeBranch(versions.toVersion);

  const scratch =
    options.scratchDir ??
    (await fs.mkdtemp(path.join(os.tmpdir(), 'evolution-todo-upgrade-')));
  const clone = path.join(scratch, 'clone');
  try {
    await runGit(
      ['clone', '--quiet', '--no-checkout', repository.repoDir, clone],
      { cwd: scratch },
    );
    await runGit(
      [
        'checkout',
        '-q',
        '-B',
        TEMPLATE_BRANCH,
        `refs/remotes/origin/${TEMPLATE_BRANCH}`,
      ],
      { cwd: clone },
    );
    const newRender = await commitRender(
      clone,
      renderDir,
      versions.toVersion,
      identity,
    );
    const templateCommit = (await revParse(clone, 'HEAD'))!;

    const upToDate = (reason: string): UpgradeResult => ({
      status: 'up-to-date',
      ...versions,
      baseBranch,
      reason,
    });
    // What the merge starts from: the team's head, with the render it holds as a parent when its history lost it.
    const head = await headWithItsRender(clone, repository.head, identity);
    if (!newRender && (await isAncestor(clone, templateCommit, head))) {
      return upToDate(
        `${baseBranch} already has the render of template ${versions.toVersion} with these parameters`,
      );
    }
    const existing = await revParse(clone, `refs/remotes/origin/${target}`);
    // An upgrade branch the team already took in may be replaced.
    const replacing =
      existing !== undefined &&
      (await takenIn(clone, existing, repository.head));
    if (existing && !replacing) {
      if (!newRender && (await isAncestor(clone, templateCommit, existing))) {
        return upToDate(
          `${target} already holds this render and waits to be merged into ${baseBranch}`,
        );
      }
      throw new ConflictError(
        `${target} exists and is not merged into ${baseBranch}; merge or delete it, then upgrade again. Nothing was changed.`,
      );
    }

    await runGit(['checkout', '-q', '-B', target, head], {
      cwd: clone,
    });
    const merge = await runGit(
      [
        '-c',
        'merge.conflictStyle=diff3',
        'merge',
        '--no-ff',
        '--no-edit',
        '--no-verify',
        '-m',
        mergeMessage(versions, []),
        TEMPLATE_BRANCH,
      ],
      { cwd: clone, identity, okCodes: [1] },
    );
    let conflicts: Conflict[] = [];
    if (merge.code !== 0) {
      conflicts = await listConflicts(clone);
      if (conflicts.length === 0) {
        throw new Error(
          `git merge failed: ${merge.stderr.trim() || merge.stdout.trim()}`,
        );
      }
      await runGit(['add', '-A', '--', '.'], { cwd: clone });
      await runGit(
        [
          'commit',
          '-q',
          '--no-verify',
          '-m',
          mergeMessage(versions, conflicts),
        ],
        { cwd: clone, identity },
      );
    }
    const upgradeCommit = (await revParse(clone, 'HEAD'))!;
    const diffStat = (
      await runGit(['diff', '--stat=120', repository.head, upgradeCommit], {
        cwd: clone,
      })
    ).stdout;
    const diff = (
      await runGit(['diff', repository.head, upgradeCommit], { cwd: clone })
    ).stdout;

    if (!options.dryRun) {
      await runGit(
        [
          'push',
          '--quiet',
          '--atomic',
          'origin',
          `refs/heads/${TEMPLATE_BRANCH}:refs/heads/${TEMPLATE_BRANCH}`,
          `${replacing ? '+' : ''}refs/heads/${target}:refs/heads/${target}`,
        ],
        { cwd: clone },
      );
    }
    return {
      status: conflicts.length > 0 ? 'conflicts' : 'merged',
      ...versions,
      baseBranch,
      upgradeBranch: target,
      templateCommit,
      newRender,
      upgradeCommit,
      conflicts,
      diffStat,
      diff,
      pushed: !options.dryRun,
    };
  } finally {
    await fs.rm(options.scratchDir ? clone : scratch, {
      recursive: true,
      force: true,
    });
  }
}
