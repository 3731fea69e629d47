import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateDirectory } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import { listFiles } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils';
import { defaultTemplateDir, templateFileIn } from './template';
import { readTemplateSteps } from './templateSteps';
import { runCli } from './__testUtils__/runCli';

/**
 * scripts/evolution-todo, spawned as a user or a CI job runs it: bash wrapper,
 * bootstrap, Backstage's node transform, the actions.
 */
jest.setTimeout(180_000);

let tmp: string;
const file = (name: string, content: string) => {
  const target = path.join(tmp, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return target;
};

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-cli-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `scripts/evolution-todo render --values <values> --out <out> [...options]`. */
const render = (values: string, out: string, ...options: string[]) =>
  runCli(['render', '--values', values, '--out', out, ...options]);

describe('scripts/evolution-todo', () => {
  it("creates the template's repository, printing each step and the verdict", async () => {
    const values = file('values.yaml', 'name: todo\nnamespace: todo-ci\n');
    const out = path.join(tmp, 'out');

    const { status, stdout, stderr } = await render(values, out);

    expect(stderr).toBe('');
    expect(status).toBe(0);
    // The template's steps up to validate, in its order.
    expect(stdout.split('\n').filter(line => line.startsWith('==> '))).toEqual([
      '==> evolution-todo:resolve-parameters (Check the parameters)',
      '==> fetch:template (Fetch the skeleton)',
      '==> evolution-todo:render:chart (Render the Helm chart)',
      '==> evolution-todo:render:manifests (Render Kubernetes manifests and monitoring)',
      '==> evolution-todo:render:docker (Render Dockerfiles)',
      '==> evolution-todo:validate (Validate every object)',
    ]);
    expect(stdout).toMatch(
      /Validation passed: \d+ objects in \d+ files: 0 errors/,
    );
    // Quiet by default: each step's own summary, not fetch:template's line per file.
    expect(stdout).not.toMatch(/^Writing (file|directory) /m);
    expect(stdout).not.toMatch(/ took \d+ ms$/m);
    const files = listFiles(out);
    expect(files).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'scripts/deploy.sh',
        'helm/evolution-todo/Chart.yaml',
        'helm/evolution-todo/values.yaml',
        'k8s/deployments/backend.yaml',
        'docker/backend/Dockerfile',
        '.evolution-todo/validation-report.md',
      ]),
    );
    // The skeleton got the values the resolve step derived (namespace from the values file).
    expect(
      fs.readFileSync(path.join(out, 'catalog-info.yaml'), 'utf8'),
    ).toContain('backstage.io/kubernetes-namespace: todo-ci');
    const result = await validateDirectory(out);
    expect(result.summary.errors).toBe(0);
    expect(result.summary.objects).toBeGreaterThan(0);
  });

  it('with --verbose, prints every line the steps log and the time each step took', async () => {
    const values = file('values.yaml', 'name: todo\n');
    const out = path.join(tmp, 'out');

    const { status, stdout, stderr } = await runCli([
      'render',
      '--verbose',
      '--values',
      values,
      '--out',
      out,
    ]);

    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toMatch(/^Writing file catalog-info\.yaml /m);
    const timed = [...stdout.matchAll(/^ {4}(\S+) took \d+ ms$/gm)].map(
      match => match[1],
    );
    // The template's steps up to validate (templateSteps.test.ts names them), each timed.
    const steps = await readTemplateSteps(templateFileIn(defaultTemplateDir()));
    expect(timed).toEqual(steps.map(step => step.id));
  });

  it('rejects bad values naming each field and rule, and writes nothing', async () => {
    const values = file(
      'bad.yaml',
      [
        'name: Todo_App',
        'description: "injected {{ .Release.Name }}"',
        'backend:',
        '  autoscaling: {minReplicas: 9, maxReplicas: 3}',
        'replicas: 3',
      ].join('\n'),
    );
    const out = path.join(tmp, 'out');

    const { status, stdout, stderr } = await render(values, out);

    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('nothing was written');
    expect(stderr).toContain('name: must be a DNS-1123 label');
    expect(stderr).toContain(
      'description: must not contain template delimiters',
    );
    expect(stderr).toContain(
      'backend.autoscaling.minReplicas: must not exceed maxReplicas (3)',
    );
    expect(stderr).toContain('replicas: is not a known parameter');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a non-empty --out unless --force, which replaces the rendered folders and keeps existing skeleton files', async () => {
    const values = file('values.yaml', 'name: todo\n');
    const out = path.join(tmp, 'out');
    file('out/README.md', 'mine');
    file(
      'out/k8s/stale.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: stale}\n',
    );

    const refused = await render(values, out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'is not empty; nothing was written. Use --force',
    );
    expect(listFiles(out)).toEqual(['README.md', 'k8s/stale.yaml']);

    const forced = await render(values, out, '--force');
    expect(forced.status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('mine');
    expect(fs.existsSync(path.join(out, 'catalog-info.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'k8s/stale.yaml'))).toBe(false);
  });

  it('refuses a --template folder without template.yaml before writing anything', async () => {
    const values = file('values.yaml', 'name: todo\n');
    const out = path.join(tmp, 'out');
    const { status, stderr } = await render(values, out, '--template', tmp);
    expect(status).toBe(1);
    expect(stderr).toContain(
      `${tmp} is not a template folder (no template.yaml); nothing was written.`,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('validates a broken repository: exit 1 and the findings table', async () => {
    file(
      'repo/k8s/app.yaml',
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: app, namespace: demo}',
        'spec:',
        '  selector: {matchLabels: {app: app}}',
        '  template:',
        '    metadata: {labels: {app: app}}',
        '    spec:',
        '      containers: [{name: app, image: "nginx:latest"}]',
        '---',
        'apiVersion: v1',
        'kind: ServiceMonitor',
        'metadata: {name: app, namespace: demo}',
      ].join('\n'),
    );

    const { status, stdout, stderr } = await runCli([
      'validate',
      path.join(tmp, 'repo'),
    ]);

    expect(status).toBe(1);
    expect(stdout).toMatch(/^SEVERITY\s+RULE\s+OBJECT\s+FIELD\s+PROBLEM$/m);
    expect(stdout).toMatch(
      /^error\s+pinned-image-tag\s+Deployment\/demo\/app\s+spec\.template\.spec\.containers\[0\]\.image\s+must pin a version/m,
    );
    expect(stdout).toMatch(
      /^error\s+monitoring-api-version\s+ServiceMonitor\/demo\/app\s+apiVersion/m,
    );
    expect(stdout).toMatch(/^error\s+run-as-non-root\s+/m);
    expect(stderr).toMatch(
      /Validation failed: 2 objects in 1 file: \d+ errors/,
    );
    expect(
      fs.existsSync(
        path.join(tmp, 'repo/.evolution-todo/validation-report.md'),
      ),
    ).toBe(true);
  });

  it('exits 2 with the usage on a usage error', async () => {
    const { status, stderr } = await runCli(['render', '--values']);
    expect(status).toBe(2);
    expect(stderr).toContain('--values needs a value');
    expect(stderr).toContain('Usage:');
  });
});
