import type { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  findOrCreatePullRequest,
  githubRepositoryAccess,
  pushGithubBranch,
  type GithubPullRequest,
  type GithubRepositoryAccess,
} from '../publish/github';
import { TEMPLATE_BRANCH, upgradeBranch } from '../upgrade/branches';
import { revParse } from '../upgrade/git';
import { readGithubRecordedRepository } from '../upgrade/githubRepository';
import { mergeRender, takenIn } from '../upgrade/merge';
import { RECORD_PATH } from '../upgrade/record';
import { readRecordFile } from '../upgrade/recordFile';
import { resolveWorkspacePath } from './actionInput';
import { examples } from './upgradeGithub.examples';
import {
  summarize,
  type UpgradeSummary,
  UPGRADE_STEP_INPUT,
  UPGRADE_SUMMARY_OUTPUT,
} from './upgradeSummary';

export const UPGRADE_GITHUB_ACTION_ID = 'evolution-todo:upgrade:github';

/** GitHub takes a pull request body of at most 65,536 characters. */
const MAX_BODY_CHARS = 60_000;

/** Who commits the render and the merge: the scaffolder's author, as publish:github commits. */
function authorOf(config: Config) {
  return {
    name:
      config.getOptionalString('scaffolder.defaultAuthor.name') ?? 'Scaffolder',
    email:
      config.getOptionalString('scaffolder.defaultAuthor.email') ??
      'scaffolder@backstage.io',
  };
}

/** A run's result as its checkpoint keeps it: the summary and the branch a pull request proposes. */
type GithubUpgradeSummary = UpgradeSummary & {
  /** The upgrade branch to propose (new, or pushed earlier and not merged yet), or null. */
  pullRequestBranch: string | null;
};

function pullRequestTitle(summary: UpgradeSummary): string {
  return summary.fromVersion === summary.toVersion
    ? `Upgrade: re-render evolution-todo template ${summary.toVersion} with changed parameters`
    : `Upgrade to evolution-todo template ${summary.toVersion} (from ${summary.fromVersion})`;
}

function pullRequestBody(
  summary: GithubUpgradeSummary,
  access: GithubRepositoryAccess,
): string {
  const branch = summary.pullRequestBranch!;
  const what =
    summary.status === 'up-to-date'
      ? `\`${branch}\` holds the render of template ${summary.toVersion} merged with \`${summary.baseBranch}\` (pushed by an earlier upgrade); conflicts, if any, are marked in the files with \`<<<<<<<\`.`
      : summary.report;
  const stat =
    summary.status === 'up-to-date' ? '' : `\n\n${summary.diffStat.trim()}`;
  const body = `${what}

### How this branch was made
The template's pure renders live on \`${TEMPLATE_BRANCH}\`; this upgrade committed the render of template ${summary.toVersion} (the recorded parameters in \`${RECORD_PATH}\`, with any changes) there and merged it into \`${branch}\`, off \`${summary.baseBranch}\`. Git's three-way merge keeps every edit of yours the template did not touch; where both changed the same lines the hunks are marked (\`<<<<<<<\`, the old render after \`|||||||\`, \`=======\`, \`>>>>>>>\`) and listed above.

Any merge method works. The next upgrade merges from the render this branch brings in: a merge commit keeps it in \`${summary.baseBranch}\`'s history; after a squash or rebase the upgrade finds it again by \`${RECORD_PATH}\`. Compare: ${access.htmlUrl}/compare/${summary.baseBranch}...${branch}`;
  const full = `${body}${stat}`;
  return full.length > MAX_BODY_CHARS
    ? `${full.slice(0, MAX_BODY_CHARS)}\n… (cut)`
    : full;
}

/**
 * The upgrade for a repository on GitHub: clones it over HTTPS with the
 * integration's token, merges the render in the workspace through
 * evolution-todo/template into evolution-todo/upgrade-<version> (the same
 * src/upgrade library as the local destination), pushes both branches and
 * opens a pull request from the upgrade branch to the default branch, whose
 * body lists the conflicts and the diff stat.
 *
 * Why not publish:github:pull-request: it commits the workspace's files as
 * one new commit on top of the base branch, a commit with one parent. An
 * upgrade must be a merge whose second parent is the render on the template
 * branch: that is what makes the render the merge base of the next upgrade
 * (and keeps the team's edits). So the branches are pushed with
 * isomorphic-git, as publish:github pushes, and the pull request is opened
 * through Octokit.
 *
 * Idempotent: the push and the pull request are checkpoints, a retried task
 * repeats neither; a repeated upgrade finds the branch holding the render
 * (nothing pushed) and the open pull request (none opened).
 */
export function createUpgradeGithubAction(options: { config: Config }) {
  return createTemplateAction({
    id: UPGRADE_GITHUB_ACTION_ID,
    description: `Merges a render of the current evolution-todo template into a new branch of a GitHub repository, through ${TEMPLATE_BRANCH}, and opens a pull request, keeping the team's edits and marking conflicts.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...UPGRADE_STEP_INPUT,
        repoUrl: z =>
          z
            .string()
            .describe(
              'The repository as publish:github names it, github.com?owner=OWNER&repo=REPO (evolution-todo:upgrade:parameters outputs it as githubRepoUrl)',
            ),
        baseCommit: z =>
          z
            .string()
            .optional()
            .describe(
              'The commit the parameters were read from: if the default branch moved since, the upgrade stops (run it again)',
            ),
      },
      output: {
        ...UPGRADE_SUMMARY_OUTPUT,
        pullRequestUrl: z =>
          z
            .string()
            .nullable()
            .describe(
              'The pull request (null in a dry run or when up to date)',
            ),
        pullRequestNumber: z => z.number().nullable().describe('Its number'),
      },
    },
    async handler(ctx) {
      const renderDir = resolveWorkspacePath(
        ctx.workspacePath,
        ctx.input.renderPath,
        'renderPath',
      );
      const rendered = await readRecordFile(renderDir);
      if (!rendered) {
        throw new InputError(
          `renderPath: the render in ${renderDir} has no ${RECORD_PATH}: run the template's render steps before this one`,
        );
      }
      const access = await githubRepositoryAccess(
        options.config,
        ctx.input.repoUrl,
        'repoUrl',
      );
      const slug = `${access.host}/${access.owner}/${access.repo}`;

      const run = async (): Promise<GithubUpgradeSummary> => {
        const dir = await ctx.createTemporaryDirectory();
        const repository = await readGithubRecordedRepository(access, dir);
        const { baseCommit } = ctx.input;
        if (baseCommit && baseCommit !== repository.head) {
          throw new ConflictError(
            `${repository.branch} of ${
              access.htmlUrl
            } moved since its parameters were read (${baseCommit.slice(
              0,
              12,
            )} → ${repository.head.slice(0, 12)}); run the upgrade again`,
          );
        }
        const target = upgradeBranch(rendered.templateVersion);
        const pushedBefore = await revParse(dir, `refs/heads/${target}`);
        const result = await mergeRender({
          repository,
          renderDir,
          identity: authorOf(options.config),
          dryRun: ctx.isDryRun,
          scratchDir: await ctx.createTemporaryDirectory(),
        });
        let pullRequestBranch: string | null = null;
        if (result.status !== 'up-to-date') {
          if (!ctx.isDryRun) {
            // The template branch first: if the task dies between the two pushes,
            // a retry finds the render there and merges it again.
            await pushGithubBranch(access, dir, TEMPLATE_BRANCH);
            // mergeRender only goes on over an existing upgrade branch that the
            // default branch has merged already: that one is replaced.
            await pushGithubBranch(access, dir, target, {
              force: pushedBefore !== undefined,
            });
          }
          pullRequestBranch = target;
        } else if (
          pushedBefore &&
          !(await takenIn(dir, pushedBefore, repository.head))
        ) {
          // Pushed by an earlier upgrade and not taken in: its pull request must be open.
          pullRequestBranch = target;
        }
        return {
          ...summarize(result, {
            branch: merged =>
              `Branch \`${merged.upgradeBranch}\` of ${access.htmlUrl}, off \`${merged.baseBranch}\` (which did not change).`,
            wholeDiff: merged =>
              `${access.htmlUrl}/compare/${merged.baseBranch}...${merged.upgradeBranch}`,
          }),
          pullRequestBranch,
        };
      };
      const summary = ctx.isDryRun
        ? await run()
        : await ctx.checkpoint({ key: `upgrade-github.v1.${slug}`, fn: run });

      let pullRequest: GithubPullRequest | undefined;
      if (!ctx.isDryRun && summary.pullRequestBranch) {
        const head = summary.pullRequestBranch;
        pullRequest = await ctx.checkpoint({
          key: `upgrade-github-pull-request.v1.${slug}.${head}`,
          fn: () =>
            findOrCreatePullRequest(access, {
              head,
              base: summary.baseBranch,
              title: pullRequestTitle(summary),
              body: pullRequestBody(summary, access),
            }),
        });
      }
      const report = pullRequest
        ? `${summary.report}\n\nPull request ${
            pullRequest.created ? 'opened' : 'already open'
          }: [#${pullRequest.number}](${pullRequest.url})`
        : summary.report;

      if (summary.status === 'conflicts') {
        ctx.logger.warn(
          `Conflicts, marked and committed on ${
            summary.upgradeBranch
          }:\n${summary.conflicts.join('\n')}`,
        );
      }
      ctx.logger.info(report);
      const { pullRequestBranch: _omitted, ...outputs } = summary;
      for (const [name, value] of Object.entries({ ...outputs, report })) {
        ctx.output(name as keyof UpgradeSummary, value as any);
      }
      ctx.output('pullRequestUrl', pullRequest?.url ?? null);
      ctx.output('pullRequestNumber', pullRequest?.number ?? null);
    },
  });
}
