import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import {
  checkRenderLock,
  loadManifests,
  readRenderLock,
  readTemplateVersion,
  RENDER_LOCK_EXAMPLES_DIR,
  RENDER_LOCK_FILE_NAME,
  renderLockExamples,
  renderTreeId,
  validateDirectory,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import {
  byKey,
  chartObjects,
  helm,
  HELM_MAJORS,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils';
import { REPO_ROOT, runCli } from './__testUtils__/runCli';

/**
 * The acceptance of the render issue, for every example values file: the CLI
 * exits 0, every object validates with no policy error, the chart lints
 * strictly on Helm 3 and 4 with values.yaml and values-prod.yaml, and k8s/ is
 * exactly what the chart renders. And every render is what the render lock
 * holds for the template version (a changed render needs a version bump).
 */
jest.setTimeout(300_000);

/** As the render lock names them: examples/values/<file>, from the workspace root. */
const EXAMPLES = renderLockExamples(REPO_ROOT);
const TEMPLATE_FILE = path.join(
  REPO_ROOT,
  'templates/evolution-todo/template.yaml',
);

/** Example (as the lock names it, from the workspace root) → git tree id of its render. */
const renders: Record<string, string> = {};

it('covers the examples the issue asks for', () => {
  expect(EXAMPLES).toEqual(
    expect.arrayContaining(
      [
        'full-development.yaml',
        'gateway-blue-green.yaml',
        'minimal.yaml',
        'monitoring-off.yaml',
        'nginx.yaml',
        'production.yaml',
      ].map(file => `${RENDER_LOCK_EXAMPLES_DIR}/${file}`),
    ),
  );
  expect(
    YAML.parse(
      fs.readFileSync(
        path.join(REPO_ROOT, RENDER_LOCK_EXAMPLES_DIR, 'minimal.yaml'),
        'utf8',
      ),
    ),
  ).toEqual({
    name: expect.any(String),
  });
});

describe.each(EXAMPLES)('%s', example => {
  const valuesFile = path.join(REPO_ROOT, example);
  const spec = parseDeploymentParameters(
    YAML.parse(fs.readFileSync(valuesFile, 'utf8')),
  );
  let out: string;
  let cli: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    out = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-example-')),
      'repo',
    );
    cli = await runCli(['render', '--values', valuesFile, '--out', out]);
    renders[example] = await renderTreeId(out);
  });
  afterAll(() =>
    fs.rmSync(path.dirname(out), { recursive: true, force: true }),
  );

  const chartDir = () => path.join(out, 'helm/evolution-todo');

  it('renders through the CLI with exit 0 and a clean validation', async () => {
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const result = await validateDirectory(out);
    // No error, and no object left unchecked for want of a schema.
    expect(
      result.findings.filter(
        f => f.severity === 'error' || f.rule.startsWith('schema'),
      ),
    ).toEqual([]);
    expect(result.summary.objects).toBeGreaterThan(10);
  });

  it.each(HELM_MAJORS)(
    'lints strictly on Helm %s with values.yaml and values-prod.yaml',
    async major => {
      for (const values of ['values.yaml', 'values-prod.yaml']) {
        const output = await helm(major, [
          'lint',
          '--strict',
          chartDir(),
          '--namespace',
          spec.namespace,
          '--values',
          path.join(chartDir(), values),
        ]);
        expect(output).toContain('1 chart(s) linted, 0 chart(s) failed');
      }
    },
  );

  it.each(HELM_MAJORS)(
    'has k8s/ equal to the chart rendered by Helm %s',
    async major => {
      const { objects, problems } = await loadManifests(path.join(out, 'k8s'));
      expect(problems).toEqual([]);
      const fromHelm = await chartObjects(major, chartDir(), {
        release: spec.name,
        namespace: spec.namespace,
      });
      const fromFiles = objects.map(o => o.object as any);
      expect(Object.keys(byKey(fromFiles))).toEqual(
        Object.keys(byKey(fromHelm)),
      );
      expect(byKey(fromFiles)).toEqual(byKey(fromHelm));
    },
  );
});

// After every example above has rendered (jest runs a file's tests in order).
it('renders every example as the render lock holds it for the template version', async () => {
  const templateFile = path.relative(REPO_ROOT, TEMPLATE_FILE);
  const problems = checkRenderLock({
    lock: await readRenderLock(
      path.join(path.dirname(TEMPLATE_FILE), RENDER_LOCK_FILE_NAME),
    ),
    templateVersion: await readTemplateVersion(TEMPLATE_FILE),
    renders,
    templateFile,
  });
  expect(problems.map(problem => problem.message)).toEqual([]);
});
