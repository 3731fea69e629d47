import type { DeploymentSpec } from '@evolution-todo/plugin-evolution-todo-common';
import YAML from 'yaml';
import type { RenderedFile } from '../files';
import { stringifyYaml } from '../yaml';
import { chartSourceFiles } from '../conventions/chartSource';
import { productionValues } from './productionValues';
import { chartValues } from './values';
import { chartValuesJsonSchema } from './valuesSchema';

const VALUES_HEADER = `# Values for this deployment, rendered by the evolution-todo golden path from the
# template's parameters. k8s/ holds the same objects as \`helm template\` with this file:
# after a change here, run scripts/render-k8s.sh (CI checks that they agree).
`;

/** Release and namespace are DNS labels (the parameter schema says so): safe in a comment. */
function productionValuesHeader(spec: DeploymentSpec): string {
  return [
    "# Production overrides, laid over values.yaml (Helm always starts from the chart's",
    '# values.yaml): only the keys production changes. Install with',
    `#   helm upgrade --install ${spec.name} helm/evolution-todo --namespace ${spec.namespace} \\`,
    '#     -f helm/evolution-todo/values-prod.yaml',
    "# Use it from the first production install: a StatefulSet's volume size cannot be",
    '# changed by an upgrade, so switching an existing release to it fails on postgres.storage.',
    '',
  ].join('\n');
}

let valuesSchemaText: string | undefined;

/**
 * values.schema.json, the same for every deployment: converted from the zod
 * schema once per process, not on every render (the conversion walks the
 * whole values schema: about a quarter of the chart step in a CPU profile).
 */
function valuesSchemaFile(): string {
  valuesSchemaText ??= `${JSON.stringify(chartValuesJsonSchema(), null, 2)}\n`;
  return valuesSchemaText;
}

/**
 * The chart as the generated repository gets it, under helm/evolution-todo:
 * the templates as they are, Chart.yaml with this deployment's appVersion,
 * values.yaml from the spec, values-prod.yaml (production overrides) and
 * values.schema.json (the values contract Helm enforces).
 */
export function renderChart(spec: DeploymentSpec): RenderedFile[] {
  const files: RenderedFile[] = chartSourceFiles().map(({ path, content }) => {
    if (path === 'Chart.yaml') {
      const chart = YAML.parseDocument(content);
      chart.set('appVersion', spec.imageTag);
      return { path, content: chart.toString({ lineWidth: 0 }) };
    }
    return { path, content };
  });
  files.push(
    {
      path: 'values.yaml',
      content: VALUES_HEADER + stringifyYaml(chartValues(spec)),
    },
    {
      path: 'values-prod.yaml',
      content:
        productionValuesHeader(spec) + stringifyYaml(productionValues(spec)),
    },
    {
      path: 'values.schema.json',
      content: valuesSchemaFile(),
    },
  );
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
