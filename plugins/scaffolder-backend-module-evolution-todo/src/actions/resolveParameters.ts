import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { skeletonValues } from '../skeleton/values';
import {
  describeSpec,
  parseRenderInput,
  renderInputSchema,
} from './renderActionInput';
import { examples } from './resolveParameters.examples';

export const RESOLVE_PARAMETERS_ACTION_ID = 'evolution-todo:resolve-parameters';

/**
 * The template's first step: validates the form once, before anything is
 * fetched or written, and outputs the values the skeleton needs, computed from
 * the same DeploymentSpec the render actions use (so the catalog entities and
 * docs agree with the chart, defaults included).
 */
export function createResolveParametersAction() {
  return createTemplateAction({
    id: RESOLVE_PARAMETERS_ACTION_ID,
    description:
      "Validates the template's parameters and outputs the skeleton values derived from them.",
    examples,
    supportsDryRun: true,
    schema: {
      input: { parameters: renderInputSchema.parameters },
      output: {
        skeletonValues: z =>
          z
            .record(z.unknown())
            .describe('The values for fetch:template of the skeleton'),
        namespace: z =>
          z.string().describe('The namespace the stack is rendered for'),
        summary: z => z.string().describe('One line describing the choices'),
      },
    },
    async handler(ctx) {
      const { spec } = parseRenderInput(
        RESOLVE_PARAMETERS_ACTION_ID,
        ctx.workspacePath,
        { parameters: ctx.input.parameters },
      );
      const summary = describeSpec(spec);
      ctx.logger.info(`Parameters are valid: ${summary}`);
      ctx.output('skeletonValues', { ...skeletonValues(spec) });
      ctx.output('namespace', spec.namespace);
      ctx.output('summary', summary);
    },
  });
}
