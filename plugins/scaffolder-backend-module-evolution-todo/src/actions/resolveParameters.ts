import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { safeParseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import { skeletonValues } from '../skeleton/values';
import {
  formatRecord,
  RECORD_PATH,
  TEMPLATE_VERSION_PATTERN,
  templateVersionIssue,
} from '../upgrade/record';
import { inputError } from './actionInput';
import {
  describeSpec,
  renderInputSchema,
  writeToWorkspace,
} from './renderActionInput';
import { examples } from './resolveParameters.examples';

export const RESOLVE_PARAMETERS_ACTION_ID = 'evolution-todo:resolve-parameters';

/**
 * The template's first step: validates the form once, before anything is
 * fetched or written, and outputs the values the skeleton needs, computed from
 * the same DeploymentSpec the render actions use (so the catalog entities and
 * docs agree with the chart, defaults included). It records what made the
 * repository (template version and resolved parameters) in
 * .evolution-todo/parameters.yaml, which upgrades re-render from.
 */
export function createResolveParametersAction() {
  return createTemplateAction({
    id: RESOLVE_PARAMETERS_ACTION_ID,
    description:
      "Validates the template's parameters, records them with the template version in .evolution-todo/parameters.yaml and outputs the skeleton values derived from them.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        parameters: renderInputSchema.parameters,
        templateVersion: z =>
          z
            .string()
            .describe(
              `The version of the template that renders, e.g. 1.2.0 (${TEMPLATE_VERSION_PATTERN}): template.yaml's evolution-todo.dev/template-version`,
            ),
      },
      output: {
        skeletonValues: z =>
          z
            .record(z.unknown())
            .describe('The values for fetch:template of the skeleton'),
        namespace: z =>
          z.string().describe('The namespace the stack is rendered for'),
        summary: z => z.string().describe('One line describing the choices'),
        recordPath: z =>
          z
            .string()
            .describe(
              `The record written, relative to the workspace (${RECORD_PATH})`,
            ),
      },
    },
    async handler(ctx) {
      const parsed = safeParseDeploymentParameters(ctx.input.parameters);
      const versionIssue = templateVersionIssue(
        'templateVersion',
        ctx.input.templateVersion,
      );
      if (!parsed.success || versionIssue) {
        throw inputError(RESOLVE_PARAMETERS_ACTION_ID, [
          ...(versionIssue ? [versionIssue] : []),
          ...(parsed.success ? [] : parsed.issues),
        ]);
      }
      const { spec } = parsed;
      // The namespace as resolved (the form's "leave empty for the name"): fixed at creation,
      // so a later upgrade never moves the release to another namespace. Parsed again for the
      // schema's key order, whichever keys the input had.
      const recorded = safeParseDeploymentParameters({
        ...parsed.parameters,
        namespace: spec.namespace,
      });
      if (!recorded.success) {
        throw inputError(RESOLVE_PARAMETERS_ACTION_ID, recorded.issues);
      }
      const { parameters } = recorded;
      const summary = describeSpec(spec);
      ctx.logger.info(`Parameters are valid: ${summary}`);
      const [recordPath] = await writeToWorkspace(
        ctx.workspacePath,
        ctx.workspacePath,
        [
          formatRecord({
            templateVersion: ctx.input.templateVersion,
            parameters,
          }),
        ],
      );
      ctx.output('skeletonValues', {
        ...skeletonValues(spec, ctx.input.templateVersion),
      });
      ctx.output('namespace', spec.namespace);
      ctx.output('summary', summary);
      ctx.output('recordPath', recordPath);
    },
  });
}
