import type { z as zod } from 'zod/v3';
import { describeConflict } from '../upgrade/conflicts';
import type { UpgradeResult } from '../upgrade/merge';

/** The patch kept in the output (and the checkpoint): enough to review in the task page. */
const MAX_DIFF_CHARS = 40_000;

/**
 * What an upgrade step outputs and its checkpoint keeps: JSON, the patch
 * capped. (A type, not an interface: a checkpoint's value must be a JsonValue.)
 */
export type UpgradeSummary = {
  status: UpgradeResult['status'];
  fromVersion: string;
  toVersion: string;
  baseBranch: string;
  upgradeBranch: string | null;
  conflicts: string[];
  diffStat: string;
  diff: string;
  report: string;
};

/**
 * The inputs both upgrade steps (local and GitHub) take besides where the
 * repository is: who may run them, and where the render is.
 */
export const UPGRADE_STEP_INPUT = {
  owner: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        "Entity ref of the group that owns the System (evolution-todo:upgrade:parameters outputs it). Not used by the action itself: the portal's permission policy lets only that group's members run the step.",
      ),
  renderPath: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        'Folder of the workspace holding the render (with its record). Defaults to the workspace root.',
      ),
};

/**
 * The output schema of an UpgradeSummary, shared by the local and the GitHub
 * upgrade steps (the scaffolder hands each field's builder its zod).
 */
export const UPGRADE_SUMMARY_OUTPUT = {
  status: (z: typeof zod) =>
    z
      .enum(['up-to-date', 'merged', 'conflicts'])
      .describe(
        'up-to-date: nothing new, no branch; merged: no conflicts; conflicts: merged with hunks marked',
      ),
  upgradeBranch: (z: typeof zod) =>
    z.string().nullable().describe('The upgrade branch (null when up to date)'),
  baseBranch: (z: typeof zod) =>
    z.string().describe('The branch it starts from'),
  fromVersion: (z: typeof zod) =>
    z.string().describe('The template version recorded before'),
  toVersion: (z: typeof zod) =>
    z.string().describe('The template version rendered'),
  conflicts: (z: typeof zod) =>
    z.array(z.string()).describe('Each conflicting file and its marked hunks'),
  diffStat: (z: typeof zod) =>
    z
      .string()
      .describe('git diff --stat of the branch against the base branch'),
  diff: (z: typeof zod) =>
    z
      .string()
      .describe('The patch of the branch against the base branch (capped)'),
  report: (z: typeof zod) =>
    z.string().describe('All of it in Markdown, for the task page'),
};

type Merged = Extract<UpgradeResult, { upgradeBranch: string }>;

/** Where the destination keeps the branch, in the report's words. */
export interface UpgradeWhere {
  /** One sentence naming the pushed branch, e.g. "Branch `x` of `/repo`, off `main`." */
  branch: (result: Merged) => string;
  /** How to see the whole diff when the output's is cut. */
  wholeDiff: (result: Merged) => string;
}

/** The Markdown list of conflicts with what to do, or the clean verdict. */
export function conflictVerdict(
  baseBranch: string,
  conflicts: string[],
): string {
  return conflicts.length > 0
    ? `**${
        conflicts.length
      } conflicting file(s)**: the template and \`${baseBranch}\` changed the same lines; the hunks are marked and committed on the branch, resolve them there before merging:\n${conflicts
        .map(c => `- ${c}`)
        .join('\n')}`
    : '**Merged cleanly.** Review the branch and merge it.';
}

/** An upgrade's result as the task page and the checkpoint keep it. */
export function summarize(
  result: UpgradeResult,
  where: UpgradeWhere,
): UpgradeSummary {
  if (result.status === 'up-to-date') {
    return {
      status: result.status,
      fromVersion: result.fromVersion,
      toVersion: result.toVersion,
      baseBranch: result.baseBranch,
      upgradeBranch: null,
      conflicts: [],
      diffStat: '',
      diff: '',
      report: `**Nothing to upgrade**: ${result.reason}. No branch was created or changed.`,
    };
  }
  const conflicts = result.conflicts.map(describeConflict);
  const diff =
    result.diff.length > MAX_DIFF_CHARS
      ? `${result.diff.slice(
          0,
          MAX_DIFF_CHARS,
        )}\n… (cut; the whole diff: ${where.wholeDiff(result)})\n`
      : result.diff;
  const placed = result.pushed
    ? where.branch(result)
    : `Dry run: merged in a scratch clone; no branch was created.`;
  const change =
    result.fromVersion === result.toVersion
      ? `Template ${result.toVersion}, re-rendered with the changed parameters.`
      : `Template ${result.fromVersion} → ${result.toVersion}.`;
  return {
    status: result.status,
    fromVersion: result.fromVersion,
    toVersion: result.toVersion,
    baseBranch: result.baseBranch,
    upgradeBranch: result.upgradeBranch,
    conflicts,
    diffStat: result.diffStat,
    diff,
    report: `${change} ${placed}\n\n${conflictVerdict(
      result.baseBranch,
      conflicts,
    )}\n\n\`\`\`\n${result.diffStat.trimEnd()}\n\`\`\``,
  };
}
