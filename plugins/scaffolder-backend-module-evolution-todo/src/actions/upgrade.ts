import type { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { readLocalDestination } from '../publish/localDestination';
import { mergeRender } from '../upgrade/merge';
import { readRecordedRepository } from '../upgrade/repository';
import { TEMPLATE_BRANCH } from '../upgrade/branches';
import { resolveWorkspacePath } from './actionInput';
import { examples } from './upgrade.examples';
import {
  summarize,
  type UpgradeSummary,
  UPGRADE_STEP_INPUT,
  UPGRADE_SUMMARY_OUTPUT,
} from './upgradeSummary';

export const UPGRADE_ACTION_ID = 'evolution-todo:upgrade';

/**
 * Upgrades a repository of the local destination with a render of the
 * current template in the workspace (the upgrade template's render steps put
 * it there): commits it on evolution-todo/template and merges that into
 * evolution-todo/upgrade-<version> off the checked-out branch, which does not
 * change (see src/upgrade). Conflicting hunks are marked and committed on the
 * new branch and listed: the task succeeds and says so. A dry run merges in a
 * scratch clone and outputs the diff, creating no branch.
 */
export function createUpgradeAction(options: { config: Config }) {
  return createTemplateAction({
    id: UPGRADE_ACTION_ID,
    description: `Merges a render of the current evolution-todo template into a new branch of a local-destination repository, through ${TEMPLATE_BRANCH}, keeping the team's edits and marking conflicts.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...UPGRADE_STEP_INPUT,
        repoPath: z =>
          z
            .string()
            .describe(
              'The repository, inside the local destination (evolution-todo:upgrade:parameters outputs it)',
            ),
        baseCommit: z =>
          z
            .string()
            .optional()
            .describe(
              'The commit the parameters were read from: if the branch moved since, the upgrade stops (run it again)',
            ),
      },
      output: UPGRADE_SUMMARY_OUTPUT,
    },
    async handler(ctx) {
      const destination = readLocalDestination(options.config);
      const repoPath = path.resolve(ctx.input.repoPath);
      const relative = path.relative(destination.baseDir, repoPath);
      if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
        throw new InputError(
          `repoPath: must be a repository inside the local destination ${destination.baseDir} (got ${ctx.input.repoPath})`,
        );
      }
      const renderDir = resolveWorkspacePath(
        ctx.workspacePath,
        ctx.input.renderPath,
        'renderPath',
      );
      const run = async (): Promise<UpgradeSummary> => {
        const repository = await readRecordedRepository(repoPath);
        if (ctx.input.baseCommit && ctx.input.baseCommit !== repository.head) {
          throw new ConflictError(
            `${
              repository.branch
            } of ${repoPath} moved since its parameters were read (${ctx.input.baseCommit.slice(
              0,
              12,
            )} → ${repository.head.slice(0, 12)}); run the upgrade again`,
          );
        }
        const result = await mergeRender({
          repository,
          renderDir,
          identity: destination.author,
          dryRun: ctx.isDryRun,
          scratchDir: await ctx.createTemporaryDirectory(),
        });
        return summarize(result, {
          branch: merged =>
            `Branch \`${merged.upgradeBranch}\` of \`${repoPath}\`, off \`${merged.baseBranch}\` (which did not change).`,
          wholeDiff: merged =>
            `git -C ${repoPath} diff ${merged.baseBranch}...${merged.upgradeBranch}`,
        });
      };
      // A retried or recovered task gets the first attempt's result back and
      // pushes nothing twice (the branch it made would stop a second merge anyway).
      const summary = ctx.isDryRun
        ? await run()
        : await ctx.checkpoint({ key: `upgrade.v1.${repoPath}`, fn: run });

      if (summary.status === 'conflicts') {
        ctx.logger.warn(
          `Conflicts, marked and committed on ${
            summary.upgradeBranch
          }:\n${summary.conflicts.join('\n')}`,
        );
      }
      ctx.logger.info(summary.report);
      for (const [name, value] of Object.entries(summary)) {
        ctx.output(name as keyof UpgradeSummary, value as any);
      }
    },
  });
}
