import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import {
  CHART_FOLDER,
  MANIFESTS_FOLDER,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import {
  HELM_MAJORS,
  helmBinary,
  listFiles,
  type HelmMajor,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils';
import { REPO_ROOT, runCli } from './__testUtils__/runCli';

/**
 * scripts/render-k8s.sh in a freshly generated repository, with the real
 * Helm 3 and Helm 4 binaries on PATH: k8s/ as the golden path renders it
 * passes the check; a changed values.yaml fails it, naming the object; the
 * regenerate mode brings k8s/ back in line (same layout, examples kept).
 */
jest.setTimeout(300_000);

let generated: string;
let scratch: string;

beforeAll(async () => {
  scratch = fs.mkdtempSync(
    path.join(os.tmpdir(), 'evolution-todo-render-k8s-'),
  );
  generated = path.join(scratch, 'generated');
  const cli = await runCli([
    'render',
    '--values',
    path.join(REPO_ROOT, 'examples/values/minimal.yaml'),
    '--out',
    generated,
  ]);
  if (cli.status !== 0) {
    throw new Error(`the CLI failed to render a repository: ${cli.stderr}`);
  }
});

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe.each(HELM_MAJORS)('scripts/render-k8s.sh with Helm %s', major => {
  let repo: string;
  beforeAll(() => {
    repo = path.join(scratch, `helm-${major}`);
    fs.cpSync(generated, repo, { recursive: true });
  });

  const renderK8s = async (args: string[]) => {
    const home = path.join(scratch, `home-${major}`);
    const result = spawnSync(path.join(repo, 'scripts/render-k8s.sh'), args, {
      cwd: repo,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        PATH: `${path.dirname(
          await helmBinary(major as HelmMajor),
        )}:/usr/bin:/bin`,
        HOME: home,
        // Keep Helm away from any user config and cluster.
        HELM_CACHE_HOME: path.join(home, 'cache'),
        HELM_CONFIG_HOME: path.join(home, 'config'),
        HELM_DATA_HOME: path.join(home, 'data'),
        KUBECONFIG: '/dev/null',
        LC_ALL: 'C',
      },
    });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
    };
  };
  const k8s = () => path.join(repo, MANIFESTS_FOLDER);
  const valuesFile = () => path.join(repo, CHART_FOLDER, 'values.yaml');

  it('passes the check on the repository as generated', async () => {
    const result = await renderK8s(['--check']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'k8s/ matches helm/evolution-todo (release todo, namespace todo).\n',
    );
    expect(result.status).toBe(0);
  });

  it('fails the check naming the object when values.yaml changes, and passes again after regenerating', async () => {
    const layoutBefore = listFiles(k8s());
    const values = YAML.parse(fs.readFileSync(valuesFile(), 'utf8'));
    values.frontend.replicas += 2;
    fs.writeFileSync(valuesFile(), YAML.stringify(values));

    const failed = await renderK8s(['--check']);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain(
      'differs from the chart: k8s/deployments/frontend.yaml Deployment todo/todo-frontend',
    );
    expect(failed.stdout).toContain(`-  replicas: ${values.frontend.replicas}`);
    expect(failed.stdout).toContain(
      `+  replicas: ${values.frontend.replicas - 2}`,
    );
    expect(failed.stdout.match(/^differs from the chart: /gm)).toHaveLength(1);
    expect(failed.stderr).toContain(
      'render-k8s.sh: k8s/ and helm/evolution-todo disagree on 1 object(s). Run scripts/render-k8s.sh',
    );

    const regenerated = await renderK8s([]);
    expect(regenerated.status).toBe(0);
    expect(regenerated.stdout).toContain(
      'Regenerated k8s/ from helm/evolution-todo',
    );
    // The same files, the example Secret and the operator folder included.
    expect(listFiles(k8s())).toEqual(layoutBefore);
    expect(layoutBefore).toContain('secrets/db-secret.yaml.example');
    expect(layoutBefore).toContain('monitoring/servicemonitors.yaml');
    const frontend = YAML.parse(
      fs.readFileSync(path.join(k8s(), 'deployments/frontend.yaml'), 'utf8'),
    );
    expect(frontend.spec.replicas).toBe(values.frontend.replicas);

    const passed = await renderK8s(['--check']);
    expect(passed.stdout).toContain('k8s/ matches helm/evolution-todo');
    expect(passed.status).toBe(0);
  });

  it('names objects missing from k8s/ and objects the chart does not render', async () => {
    fs.rmSync(path.join(k8s(), 'serviceaccount.yaml'));
    fs.writeFileSync(
      path.join(k8s(), 'stray.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n  namespace: todo\n',
    );
    const result = await renderK8s(['--check']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      'missing: k8s/serviceaccount.yaml ServiceAccount todo/todo (the chart renders it)',
    );
    expect(result.stdout).toContain(
      'not rendered by the chart: k8s/stray.yaml ConfigMap todo/stray',
    );

    await renderK8s([]);
    expect(fs.existsSync(path.join(k8s(), 'stray.yaml'))).toBe(false);
    expect((await renderK8s(['--check'])).status).toBe(0);
  });
});
