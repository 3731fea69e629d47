import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TEMPLATE_NAMES } from '@evolution-todo/plugin-evolution-todo-common';
import YAML from 'yaml';
import { readRecordedRepositoryOfEntity } from '../upgrade/entityRepository';
import { stringifyYaml } from '../render/yaml';
import { upgradeParameters } from '../upgrade/parameters';
import { formatRecordedParameters, RECORD_PATH } from '../upgrade/record';
import { templateVersionOf } from '../upgrade/templateVersion';
import { examples } from './upgradeParameters.examples';

export const UPGRADE_PARAMETERS_ACTION_ID = 'evolution-todo:upgrade:parameters';

const DEFAULT_TEMPLATE_REF = `template:default/${TEMPLATE_NAMES.create}`;

/** The changes as the form sends them (YAML text) or a template passes them (a mapping). */
function parseChanges(changes: unknown): Record<string, unknown> {
  if (changes === undefined || changes === null || changes === '') return {};
  let value = changes;
  if (typeof changes === 'string') {
    try {
      value = YAML.parse(changes) ?? {};
    } catch (error: any) {
      throw new InputError(
        `changes: invalid YAML: ${String(error.message).split('\n')[0]}`,
      );
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(
      'changes: must be a mapping of parameters, e.g. "backend: { replicas: 4 }"',
    );
  }
  return value as Record<string, unknown>;
}

/**
 * The upgrade template's first step: finds the repository of a System the
 * local destination published (or publish:github, on a host of the GitHub
 * integrations: then it reads through GitHub's REST API with the integration's
 * token, no clone), reads what made it (the record on its checked-out or
 * default branch), applies the form's changes, and outputs the parameters
 * the render steps use and the version the golden path's Template renders
 * now. Reads only, so the Template Editor's dry run runs it.
 */
export function createUpgradeParametersAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: UPGRADE_PARAMETERS_ACTION_ID,
    description: `Reads the recorded parameters (${RECORD_PATH}) of a System's repository, in the local destination or on GitHub, applies changes, and outputs them with the current template version for an upgrade.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The System the golden path made, e.g. system:default/todo',
            ),
        changes: z =>
          z
            .union([z.string(), z.record(z.unknown())])
            .optional()
            .describe(
              'Parameters to change, as YAML text or a mapping (mappings merge key by key), e.g. "backend: { replicas: 4 }"',
            ),
        templateRef: z =>
          z
            .string()
            .optional()
            .describe(
              `The golden path's Template, whose evolution-todo.dev/template-version is the version to render. Defaults to ${DEFAULT_TEMPLATE_REF}.`,
            ),
      },
      output: {
        destination: z =>
          z
            .enum(['local', 'github'])
            .describe(
              'Where the repository is: the local destination (evolution-todo:upgrade) or GitHub (evolution-todo:upgrade:github)',
            ),
        repoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of a local-destination repository (empty for GitHub)',
            ),
        githubRepoUrl: z =>
          z
            .string()
            .describe(
              'A GitHub repository as publish:github names it, github.com?owner=OWNER&repo=REPO (empty for the local destination)',
            ),
        repoUrl: z =>
          z
            .string()
            .describe("The repository's URL: file:// or https://github.com/…"),
        baseBranch: z =>
          z
            .string()
            .describe('Its checked-out branch, the upgrade starts from'),
        baseCommit: z =>
          z.string().describe("That branch's commit the record was read from"),
        fromVersion: z =>
          z.string().describe('The template version the record names'),
        templateVersion: z =>
          z.string().describe('The template version to render'),
        parameters: z =>
          z
            .record(z.unknown())
            .describe('The recorded parameters with the changes applied'),
        recordedParameters: z =>
          z.string().describe('The recorded parameters, as YAML'),
        owner: z =>
          z
            .string()
            .describe(
              "The System's owner in the catalog: evolution-todo:upgrade takes it as input, for the portal's permission policy",
            ),
      },
    },
    async handler(ctx) {
      const changes = parseChanges(ctx.input.changes);
      const credentials = await ctx.getInitiatorCredentials();
      const entity = await options.catalog.getEntityByRef(ctx.input.entityRef, {
        credentials,
      });
      if (!entity) {
        throw new InputError(
          `entityRef: ${ctx.input.entityRef} is not in the catalog`,
        );
      }
      const { destination, repository, ...where } =
        await readRecordedRepositoryOfEntity({
          config: options.config,
          entity,
        });
      const resolved = upgradeParameters(repository.record.parameters, changes);
      if (!resolved.ok) {
        throw new InputError(
          `changes: the parameters they give are invalid, nothing was changed:\n${resolved.issues
            .map(issue => `  - ${issue.field}: ${issue.message}`)
            .join('\n')}`,
        );
      }
      const templateRef = ctx.input.templateRef ?? DEFAULT_TEMPLATE_REF;
      const template = await options.catalog.getEntityByRef(templateRef, {
        credentials,
      });
      if (!template) {
        throw new InputError(
          `templateRef: ${templateRef} is not in the catalog`,
        );
      }
      const templateVersion = templateVersionOf(template, templateRef);
      const recorded = formatRecordedParameters(repository.record);

      ctx.logger.info(
        `${where.repoUrl} (${repository.branch} at ${repository.head.slice(
          0,
          12,
        )}) was made with template ${
          repository.record.templateVersion
        }; the template renders ${templateVersion} now. Recorded parameters:\n${recorded}`,
      );
      if (Object.keys(changes).length > 0) {
        ctx.logger.info(`Changes applied:\n${stringifyYaml(changes)}`);
      }
      ctx.output('destination', destination);
      ctx.output('repoPath', where.repoPath);
      ctx.output('githubRepoUrl', where.githubRepoUrl);
      ctx.output('repoUrl', where.repoUrl);
      ctx.output('baseBranch', repository.branch);
      ctx.output('baseCommit', repository.head);
      ctx.output('fromVersion', repository.record.templateVersion);
      ctx.output('templateVersion', templateVersion);
      ctx.output('parameters', { ...resolved.parameters });
      ctx.output('recordedParameters', recorded);
      ctx.output('owner', entity.spec?.owner ? String(entity.spec.owner) : '');
    },
  });
}
