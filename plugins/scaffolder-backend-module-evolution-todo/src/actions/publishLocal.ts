import type { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  INITIAL_COMMIT_MESSAGE,
  LOCAL_DEFAULT_BRANCH,
  readLocalDestination,
  repositoryDir,
} from '../publish/localDestination';
import { createLocalRepository } from '../publish/localRepository';
import { TEMPLATE_BRANCH } from '../upgrade/branches';
import { RECORD_PATH } from '../upgrade/record';
import { readRecordFile } from '../upgrade/recordFile';
import { resolveWorkspacePath } from './actionInput';
import { examples } from './publishLocal.examples';

export const PUBLISH_LOCAL_ACTION_ID = 'evolution-todo:publish:local';

const DEFAULT_BRANCH = LOCAL_DEFAULT_BRANCH;
const DEFAULT_MESSAGE = INITIAL_COMMIT_MESSAGE;

/**
 * Publishes the workspace as a git repository in a local directory set in
 * app-config (evolutionTodo.localPublish.directory): the destination that
 * needs no outside service. Production templates use publish:github.
 */
export function createPublishLocalAction(options: { config: Config }) {
  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description:
      'Publishes the workspace as a new git repository under the directory configured in evolutionTodo.localPublish.directory.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              'Name of the new repository: one folder under the configured directory',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to publish. Defaults to the workspace root.',
            ),
        defaultBranch: z =>
          z
            .string()
            .regex(/^[A-Za-z0-9._/-]{1,100}$/)
            .optional()
            .describe(
              `Branch of the first commit. Defaults to ${DEFAULT_BRANCH}.`,
            ),
        gitCommitMessage: z =>
          z
            .string()
            .max(500)
            .optional()
            .describe('Message of the first commit'),
      },
      output: {
        remoteUrl: z =>
          z.string().describe('file:// URL of the new repository'),
        repoContentsUrl: z =>
          z.string().describe('file:// URL of the repository contents'),
        repoPath: z =>
          z.string().describe('Absolute path of the new repository'),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of its catalog-info.yaml, for evolution-todo:catalog:register-local',
            ),
        commitHash: z => z.string().describe('The first commit'),
        templateBranch: z =>
          z
            .string()
            .optional()
            .describe(
              `${TEMPLATE_BRANCH}, at the first commit, when the workspace carries the template's record (${RECORD_PATH}); upgrades merge the next renders from it`,
            ),
        templateVersion: z =>
          z
            .string()
            .optional()
            .describe('The template version the record names'),
      },
    },
    async handler(ctx) {
      const destination = readLocalDestination(options.config);
      const repoDir = repositoryDir(destination, ctx.input.repoName);
      const sourceDir = resolveWorkspacePath(
        ctx.workspacePath,
        ctx.input.sourcePath,
        'sourcePath',
      );
      const remoteUrl = pathToFileURL(repoDir).href;
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('repoContentsUrl', remoteUrl);
      ctx.output('repoPath', repoDir);
      ctx.output('catalogInfoPath', path.join(repoDir, 'catalog-info.yaml'));
      const outputTemplateBranch = (templateVersion: string | null) => {
        if (templateVersion) {
          ctx.output('templateBranch', TEMPLATE_BRANCH);
          ctx.output('templateVersion', templateVersion);
        }
      };

      if (ctx.isDryRun) {
        if (fs.existsSync(repoDir)) {
          throw new ConflictError(
            `repoName: the local destination ${repoDir} already exists; choose another name`,
          );
        }
        requireCatalogInfo(sourceDir, ctx.input.sourcePath);
        outputTemplateBranch(
          (await readRecordFile(sourceDir))?.templateVersion ?? null,
        );
        ctx.logger.info(
          `Dry run: would publish ${sourceDir} as a git repository at ${repoDir}`,
        );
        ctx.output('commitHash', 'dry-run');
        return;
      }

      const defaultBranch = ctx.input.defaultBranch ?? DEFAULT_BRANCH;
      // A recovered or retried task gets the recorded commit back without
      // touching the destination (its workspace may be gone by then).
      const { commitHash, templateVersion } = await ctx.checkpoint({
        key: `publish-local.v1.${ctx.input.repoName}`,
        fn: async () => {
          requireCatalogInfo(sourceDir, ctx.input.sourcePath);
          // A workspace the template rendered records what made it: its first
          // commit is then the template's pure render and starts the template branch.
          const record = await readRecordFile(sourceDir);
          const publication = await createLocalRepository({
            sourceDir,
            repoDir,
            defaultBranch,
            message: ctx.input.gitCommitMessage ?? DEFAULT_MESSAGE,
            author: destination.author,
            templateBranch: record ? TEMPLATE_BRANCH : undefined,
          });
          if (publication.reused) {
            ctx.logger.info(
              `${repoDir} already holds this publication (an earlier attempt of this task); reusing its commit`,
            );
          }
          return {
            commitHash: publication.commitHash,
            templateVersion: record?.templateVersion ?? null,
          };
        },
      });
      ctx.logger.info(
        `Published ${repoDir} (${defaultBranch}${
          templateVersion ? ` and ${TEMPLATE_BRANCH}` : ''
        } at ${commitHash.slice(0, 12)}${
          templateVersion ? `, template ${templateVersion}` : ''
        })`,
      );
      ctx.output('commitHash', commitHash);
      outputTemplateBranch(templateVersion);
    },
  });
}

function requireCatalogInfo(sourceDir: string, sourcePath: string | undefined) {
  if (!fs.existsSync(path.join(sourceDir, 'catalog-info.yaml'))) {
    throw new InputError(
      `sourcePath: ${sourcePath ?? '.'} has no catalog-info.yaml to register`,
    );
  }
}
