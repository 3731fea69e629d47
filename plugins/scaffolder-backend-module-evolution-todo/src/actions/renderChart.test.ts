import { InputError } from '@backstage/errors';
import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { renderChart } from '../render/chart/renderChart';
import { runAction, runExample } from '../__testUtils__/runAction';
import { listFiles } from '../render/files';
import { CHART_FOLDER, createRenderChartAction } from './renderChart';
import { examples } from './renderChart.examples';

const action = createRenderChartAction();
let workspace: string;

beforeEach(() => {
  workspace = fs.mkdtempSync(
    path.join(os.tmpdir(), 'evolution-todo-chart-action-'),
  );
});
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

const read = (file: string) =>
  fs.readFileSync(path.join(workspace, file), 'utf8');

/** The files on disk are exactly the renderer's, byte for byte, under the chart folder. */
function expectChartOnDisk(
  parameters: Record<string, unknown>,
  chartDir: string,
) {
  const expected = renderChart(parseDeploymentParameters(parameters));
  expect(listFiles(path.join(workspace, chartDir))).toEqual(
    expected.map(f => f.path).sort(),
  );
  for (const file of expected) {
    expect(read(path.posix.join(chartDir, file.path))).toBe(file.content);
  }
}

describe('evolution-todo:render:chart', () => {
  it('is a dry-run capable action with examples', () => {
    expect(action.id).toBe('evolution-todo:render:chart');
    expect(action.supportsDryRun).toBe(true);
    expect(action.examples?.length).toBeGreaterThan(0);
  });

  it('example 1: renders the chart from the whole form', async () => {
    const parameters = { name: 'todo' };
    const { chart } = await runExample(examples[0], [action], {
      workspacePath: workspace,
      parameters,
    });

    expectChartOnDisk(parameters, CHART_FOLDER);
    expect(chart.outputs.chartPath).toBe('helm/evolution-todo');
    expect([...chart.outputs.files].sort()).toEqual(listFiles(workspace));
    expect(chart.outputs.files).toEqual(
      expect.arrayContaining([
        'helm/evolution-todo/Chart.yaml',
        'helm/evolution-todo/values.yaml',
        'helm/evolution-todo/values-prod.yaml',
        'helm/evolution-todo/values.schema.json',
      ]),
    );
    expect(YAML.parse(read('helm/evolution-todo/Chart.yaml')).appVersion).toBe(
      '0.1.0',
    );
    expect(chart.logs.join('\n')).toContain('release todo in namespace todo');
  });

  it('example 2: renders a production-like chart under targetPath', async () => {
    const { chart } = await runExample(examples[1], [action], {
      workspacePath: workspace,
      parameters: {},
    });
    const { input } = YAML.parse(examples[1].example).steps[0];

    expectChartOnDisk(input.parameters, `deploy/${CHART_FOLDER}`);
    expect(chart.outputs.chartPath).toBe('deploy/helm/evolution-todo');
    expect(
      chart.outputs.files.every((f: string) =>
        f.startsWith('deploy/helm/evolution-todo/'),
      ),
    ).toBe(true);
    const values = YAML.parse(read('deploy/helm/evolution-todo/values.yaml'));
    expect(values.ingress).toMatchObject({
      provider: 'gateway',
      host: 'shop.example.com',
      tls: true,
    });
    expect(values.rollout).toMatchObject({
      strategy: 'blue-green',
      activeColor: 'green',
    });
    expect(values.postgres.existingSecret).toBe('shop-db');
    expect(
      YAML.parse(read('deploy/helm/evolution-todo/Chart.yaml')).appVersion,
    ).toBe('2.4.1');
  });

  it('writes the same files in a dry run (the Template Editor shows them)', async () => {
    const run = await runAction(
      action,
      { parameters: { name: 'todo' } },
      { workspacePath: workspace, isDryRun: true },
    );
    expectChartOnDisk({ name: 'todo' }, CHART_FOLDER);
    expect(run.outputs.files).toHaveLength(listFiles(workspace).length);
  });

  it('rejects bad parameters with every field and rule, and writes nothing', async () => {
    const attempt = runAction(
      action,
      {
        parameters: {
          name: 'Todo',
          backend: { autoscaling: { minReplicas: 8, maxReplicas: 4 } },
        },
        targetPath: '../elsewhere',
      },
      { workspacePath: workspace },
    );
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      /targetPath: must be a relative path inside the workspace/,
    );
    await expect(attempt).rejects.toThrow(/name: must be a DNS-1123 label/);
    await expect(attempt).rejects.toThrow(
      /backend\.autoscaling\.minReplicas: must not exceed maxReplicas \(4\)/,
    );
    expect(listFiles(workspace)).toEqual([]);
  });
});
