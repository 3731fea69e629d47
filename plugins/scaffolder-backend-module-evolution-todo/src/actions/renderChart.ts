import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { renderChart } from '../render/chart/renderChart';
import { underFolder } from '../render/files';
import {
  deploymentInputSchema,
  describeSpec,
  parseDeploymentInput,
  workspaceRelative,
  writeToWorkspace,
} from './deploymentInput';
import { examples } from './renderChart.examples';

export const RENDER_CHART_ACTION_ID = 'evolution-todo:render:chart';

/** Where the chart goes in the generated repository, relative to targetPath. */
export const CHART_FOLDER = 'helm/evolution-todo';

/**
 * Writes the Helm chart of the evolution-todo stack (templates, Chart.yaml,
 * values.yaml, values-prod.yaml, values.schema.json) for the template's
 * parameters.
 */
export function createRenderChartAction() {
  return createTemplateAction({
    id: RENDER_CHART_ACTION_ID,
    description: `Renders the evolution-todo Helm chart into ${CHART_FOLDER} from the template's parameters.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: deploymentInputSchema,
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Written files, relative to the workspace'),
        chartPath: z =>
          z.string().describe('The chart folder, relative to the workspace'),
      },
    },
    async handler(ctx) {
      const { spec, targetDir } = parseDeploymentInput(
        RENDER_CHART_ACTION_ID,
        ctx.workspacePath,
        ctx.input,
      );
      const files = await writeToWorkspace(
        ctx.workspacePath,
        targetDir,
        underFolder(CHART_FOLDER, renderChart(spec)),
      );
      const chartPath = workspaceRelative(
        ctx.workspacePath,
        path.join(targetDir, CHART_FOLDER),
      );
      ctx.logger.info(
        `Rendered ${files.length} files into ${chartPath}: ${describeSpec(
          spec,
        )}`,
      );
      ctx.output('files', files);
      ctx.output('chartPath', chartPath);
    },
  });
}
