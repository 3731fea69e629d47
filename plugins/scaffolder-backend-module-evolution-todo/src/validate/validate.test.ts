import {
  APP_COMPONENTS,
  parseDeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderDockerfiles } from '../render/docker/renderDocker';
import { toYamlStream } from '../render/yaml';
import { formatFindingsTable, formatMarkdownReport } from './report';
import { goodStack, stackFiles } from './__testUtils__/fixtures';
import { validateDirectory } from './validate';

let root: string;
const write = (file: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
};
/** Writes the stack as k8s/ lays it out: the Prometheus Operator's objects in k8s/monitoring/. */
const writeStack = (stack = goodStack().map(o => o.object)) => {
  for (const [file, objects] of Object.entries(stackFiles(stack))) {
    write(file, toYamlStream(objects));
  }
};
const STACK_FILES = Object.keys(stackFiles()).sort();

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-validate-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('validateDirectory', () => {
  it('passes a compliant repository and ignores what is not a Kubernetes object', async () => {
    writeStack();
    write(
      'catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: x}\n',
    );
    write(
      'helm/evolution-todo/Chart.yaml',
      'apiVersion: v2\nname: evolution-todo\nversion: 0.1.0\n',
    );
    write('helm/evolution-todo/values.yaml', 'frontend: {replicas: 3}\n');
    // Go templates are not YAML: reading them would fail.
    write(
      'helm/evolution-todo/templates/deployment.yaml',
      '{{- if .Values.x }}\nkind: {{ .Kind }}\n{{- end }}\n',
    );
    write('.github/workflows/ci.yml', 'on: push\njobs: {}\n');
    write('node_modules/dep/bad.yaml', 'apiVersion: v1\nkind: Pod\n');

    const result = await validateDirectory(root);

    expect(result.findings).toEqual([]);
    expect(result.summary).toEqual({
      errors: 0,
      warnings: 0,
      objects: goodStack().length,
      dockerfiles: 0,
    });
    expect(result.files).toEqual(STACK_FILES);
  });

  it('reports broken YAML by file and line, and keeps validating the rest', async () => {
    writeStack();
    write(
      'k8s/broken.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n',
    );
    const result = await validateDirectory(root);
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'yaml-syntax',
        severity: 'error',
        file: 'k8s/broken.yaml',
      }),
    ]);
    expect(result.findings[0].problem).toMatch(/^invalid YAML at line \d+/);
    expect(result.summary.objects).toBe(goodStack().length);
  });

  it('fails a folder without any Kubernetes object', async () => {
    write('README.yaml', 'title: nothing here\n');
    const result = await validateDirectory(root);
    expect(result.summary.errors).toBe(1);
    expect(result.findings[0].rule).toBe('objects-present');
  });

  it('names object, file and field in every finding, errors first', async () => {
    const stack = goodStack().map(o => o.object) as any[];
    const deployment = stack.find(o => o.kind === 'Deployment');
    deployment.spec.template.spec.containers[0].image =
      'ghcr.io/acme/backend:latest';
    delete deployment.metadata.labels['app.kubernetes.io/version'];
    writeStack(stack);

    const result = await validateDirectory(root);

    expect(result.summary).toMatchObject({ errors: 1, warnings: 1 });
    expect(result.findings.map(f => f.severity)).toEqual(['error', 'warning']);
    expect(result.findings[0]).toEqual({
      rule: 'pinned-image-tag',
      severity: 'error',
      object: 'Deployment/todo/todo-backend',
      file: 'k8s/stack.yaml',
      field: 'spec.template.spec.containers[0].image',
      problem:
        'must pin a version, not "latest" ("ghcr.io/acme/backend:latest")',
      message:
        'Deployment/todo/todo-backend spec.template.spec.containers[0].image: must pin a version, not "latest" ("ghcr.io/acme/backend:latest")',
    });

    const table = formatFindingsTable(result);
    expect(table[0].split(/\s{2,}/)).toEqual([
      'SEVERITY',
      'RULE',
      'OBJECT',
      'FIELD',
      'PROBLEM',
    ]);
    expect(table[1].split(/\s{2,}/).slice(0, 4)).toEqual([
      'error',
      'pinned-image-tag',
      'Deployment/todo/todo-backend',
      'spec.template.spec.containers[0].image',
    ]);
    expect(table[table.length - 1]).toBe(
      `${goodStack().length} objects in 2 files: 1 error, 1 warning`,
    );

    const markdown = formatMarkdownReport(result);
    expect(markdown).toContain('❌ failed');
    expect(markdown).toContain(
      '| error | `pinned-image-tag` | Deployment/todo/todo-backend | k8s/stack.yaml |',
    );
    expect(markdown).toContain('| `run-as-non-root` | error |');
  });

  describe('Dockerfiles', () => {
    const spec = parseDeploymentParameters({ name: 'todo' });
    const writeRendered = () => {
      for (const file of renderDockerfiles(spec)) {
        write(`docker/${file.path}`, file.content);
      }
    };

    it('checks every rendered Dockerfile and finds nothing', async () => {
      writeStack();
      writeRendered();
      const result = await validateDirectory(root);
      expect(result.findings).toEqual([]);
      expect(result.dockerfiles).toEqual(
        APP_COMPONENTS.map(c => `docker/${c}/Dockerfile`).sort(),
      );
      expect(result.summary.dockerfiles).toBe(APP_COMPONENTS.length);
      expect(formatFindingsTable(result)).toEqual([
        `No findings. ${
          goodStack().length
        } objects in 2 files: 0 errors, 0 warnings; 3 Dockerfiles checked`,
      ]);
    });

    it('reports a bad Dockerfile by file, line and rule in the findings table', async () => {
      writeStack();
      writeRendered();
      // The backend image's user, changed by hand: the chart still runs it as RUN_AS_ID.
      const backend = renderDockerfiles(spec).find(
        f => f.path === 'backend/Dockerfile',
      )!.content;
      const userLine =
        backend.split('\n').findIndex(l => l.startsWith('USER ')) + 1;
      write(
        'docker/backend/Dockerfile',
        backend.replace(/^USER .*$/m, 'USER root'),
      );
      write(
        'tools/Dockerfile.debug',
        'FROM alpine:latest\nADD https://example.com/x /x\nUSER 10001\nEXPOSE 8080\nCMD ["/x"]\n',
      );

      const result = await validateDirectory(root);

      expect(
        result.findings.map(f => [f.rule, f.file, f.field, f.severity]),
      ).toEqual([
        [
          'dockerfile/non-root-user',
          'docker/backend/Dockerfile',
          `line ${userLine}`,
          'error',
        ],
        ['dockerfile/multi-stage', 'tools/Dockerfile.debug', 'line 1', 'error'],
        [
          'dockerfile/pinned-base-image',
          'tools/Dockerfile.debug',
          'line 1',
          'error',
        ],
        ['dockerfile/no-add', 'tools/Dockerfile.debug', 'line 2', 'error'],
      ]);
      expect(result.findings[0].message).toBe(
        `docker/backend/Dockerfile:${userLine}: USER root must be numeric (uid or uid:gid) so Kubernetes can verify runAsNonRoot`,
      );
      expect(result.summary).toMatchObject({ errors: 4, dockerfiles: 4 });

      const table = formatFindingsTable(result);
      expect(table[1].split(/\s{2,}/).slice(0, 4)).toEqual([
        'error',
        'dockerfile/non-root-user',
        'docker/backend/Dockerfile',
        `line ${userLine}`,
      ]);
      const markdown = formatMarkdownReport(result);
      expect(markdown).toContain(
        `| error | \`dockerfile/non-root-user\` | - | docker/backend/Dockerfile | \`line ${userLine}\` |`,
      );
      expect(markdown).toContain('| `dockerfile/pinned-base-image` | error |');
    });

    it('leaves the ignore file beside a Dockerfile alone', async () => {
      writeStack();
      write('docker/backend/Dockerfile.dockerignore', '**\n!app\n');
      const result = await validateDirectory(root);
      expect(result.dockerfiles).toEqual([]);
      expect(result.findings).toEqual([]);
    });
  });

  it('does not follow symbolic links out of the folder', async () => {
    const outside = fs.mkdtempSync(
      path.join(os.tmpdir(), 'evolution-todo-outside-'),
    );
    try {
      fs.writeFileSync(
        path.join(outside, 'pod.yaml'),
        'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n',
      );
      writeStack();
      fs.symlinkSync(outside, path.join(root, 'k8s', 'linked'));
      fs.symlinkSync(
        path.join(outside, 'pod.yaml'),
        path.join(root, 'k8s', 'pod.yaml'),
      );
      const result = await validateDirectory(root);
      expect(result.files).toEqual(STACK_FILES);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
