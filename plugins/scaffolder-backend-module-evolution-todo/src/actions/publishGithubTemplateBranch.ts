import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createGithubBranch, githubRepositoryAccess } from '../publish/github';
import { TEMPLATE_BRANCH } from '../upgrade/branches';
import { examples } from './publishGithubTemplateBranch.examples';

export const PUBLISH_GITHUB_TEMPLATE_BRANCH_ACTION_ID =
  'evolution-todo:publish:github-template-branch';

const COMMIT_SHA = /^[0-9a-f]{40}$/;

/**
 * After publish:github: starts the repository's template branch
 * (evolution-todo/template) at the commit publish:github pushed, the pure
 * render, so the repository can be upgraded as the local destination's can.
 * One call to GitHub's refs API with the integration's credentials; a retried
 * step finds the branch at that commit and succeeds without a second call.
 * Not in dry runs: publish:github does not run there.
 */
export function createPublishGithubTemplateBranchAction(options: {
  config: Config;
}) {
  return createTemplateAction({
    id: PUBLISH_GITHUB_TEMPLATE_BRANCH_ACTION_ID,
    description: `Creates the branch ${TEMPLATE_BRANCH} of a repository publish:github created, at the commit it pushed (the template's pure render), for later upgrades.`,
    examples,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .describe(
              "The repository, as publish:github's repoUrl: github.com?owner=OWNER&repo=REPO",
            ),
        commitHash: z =>
          z
            .string()
            .describe(
              "publish:github's output commitHash: the commit of the pure render",
            ),
      },
      output: {
        templateBranch: z => z.string().describe('The branch created'),
        templateCommit: z => z.string().describe('The commit it points at'),
      },
    },
    async handler(ctx) {
      const { commitHash } = ctx.input;
      if (!COMMIT_SHA.test(commitHash)) {
        throw new InputError(
          `commitHash: must be a full commit SHA, 40 lowercase hexadecimal digits (got ${JSON.stringify(
            commitHash,
          )}); pass steps['publish-github'].output.commitHash`,
        );
      }
      const access = await githubRepositoryAccess(
        options.config,
        ctx.input.repoUrl,
        'repoUrl',
      );
      const outcome = await ctx.checkpoint({
        key: `github-template-branch.v1.${access.host}/${access.owner}/${access.repo}`,
        fn: () => createGithubBranch(access, TEMPLATE_BRANCH, commitHash),
      });
      ctx.logger.info(
        `${TEMPLATE_BRANCH} of ${access.htmlUrl} ${
          outcome === 'created' ? 'created' : 'was there already'
        } at ${commitHash.slice(0, 12)}, the template's render`,
      );
      ctx.output('templateBranch', TEMPLATE_BRANCH);
      ctx.output('templateCommit', commitHash);
    },
  });
}
