import {
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderChart } from '../render/chart/renderChart';
import { writeRenderedFiles } from '../render/files';
import { helm } from '../testUtils/helm';

/**
 * Writes the chart as the generated repository gets it into a temp folder and
 * returns that folder (a test's afterAll removes it with removeRenderedChart).
 */
export async function writeChartFor(parameters: DeploymentParameters) {
  const spec = parseDeploymentParameters(parameters);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-chart-'));
  await writeRenderedFiles(dir, renderChart(spec));
  return { spec, dir };
}

export function removeRenderedChart(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * `helm install --dry-run=client` (Helm 4) of the chart for these parameters:
 * no cluster is contacted, and unlike `helm template` the output carries the
 * rendered NOTES.txt. Returns Helm's whole output.
 */
export async function helmInstallDryRun(
  parameters: DeploymentParameters,
): Promise<string> {
  const chart = await writeChartFor(parameters);
  try {
    return await helm(4, [
      'install',
      chart.spec.name,
      chart.dir,
      '--namespace',
      chart.spec.namespace,
      '--dry-run=client',
    ]);
  } finally {
    removeRenderedChart(chart.dir);
  }
}
