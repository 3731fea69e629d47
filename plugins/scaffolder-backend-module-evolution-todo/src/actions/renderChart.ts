import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { renderChart } from '../render/chart/renderChart';
import {
  describeSpec,
  renderInputSchema,
  renderToWorkspace,
  writtenFilesOutput,
} from './renderActionInput';
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
      input: renderInputSchema,
      output: {
        ...writtenFilesOutput,
        chartPath: z =>
          z.string().describe('The chart folder, relative to the workspace'),
      },
    },
    async handler(ctx) {
      const {
        spec,
        files,
        folderPath: chartPath,
      } = await renderToWorkspace(
        RENDER_CHART_ACTION_ID,
        ctx,
        CHART_FOLDER,
        renderChart,
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
