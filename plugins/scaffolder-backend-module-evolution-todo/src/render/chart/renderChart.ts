import type { DeploymentSpec } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { RenderedFile } from '../files';
import { chartSourceDir, listChartSourceFiles } from './chartSource';
import { chartValues } from './values';

const VALUES_HEADER = `# Values for this deployment, rendered by the evolution-todo golden path from the
# template's parameters. k8s/ holds the same objects as \`helm template\` with this file.
`;

/**
 * The chart as the generated repository gets it, under helm/evolution-todo:
 * the templates as they are, Chart.yaml with this deployment's appVersion,
 * and values.yaml from the spec.
 */
export function renderChart(spec: DeploymentSpec): RenderedFile[] {
  const dir = chartSourceDir();
  const files: RenderedFile[] = listChartSourceFiles(dir).map(file => {
    const content = fs.readFileSync(path.join(dir, file), 'utf8');
    if (file === 'Chart.yaml') {
      const chart = YAML.parseDocument(content);
      chart.set('appVersion', spec.imageTag);
      return { path: file, content: chart.toString({ lineWidth: 0 }) };
    }
    return { path: file, content };
  });
  files.push({
    path: 'values.yaml',
    content: VALUES_HEADER + YAML.stringify(chartValues(spec), { lineWidth: 0 }),
  });
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
