import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toYamlStream } from '../render/yaml';
import { runAction, runExample } from '../__testUtils__/runAction';
import { listFiles } from '../render/files';
import { goodStack, stackFiles } from '../validate/__testUtils__/fixtures';
import { createRenderChartAction } from './renderChart';
import { createRenderDockerAction } from './renderDocker';
import { createRenderManifestsAction } from './renderManifests';
import {
  createValidateAction,
  REPORT_JSON,
  REPORT_MARKDOWN,
  ValidationFailedError,
} from './validate';
import { examples } from './validate.examples';

const action = createValidateAction();
const actions = [
  createRenderChartAction(),
  createRenderManifestsAction(),
  createRenderDockerAction(),
  action,
];
let workspace: string;

beforeEach(() => {
  workspace = fs.mkdtempSync(
    path.join(os.tmpdir(), 'evolution-todo-validate-action-'),
  );
});
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

const write = (file: string, objects: unknown[]) => {
  fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
  fs.writeFileSync(path.join(workspace, file), toYamlStream(objects));
};
/** Writes the stack as k8s/ lays it out: the Prometheus Operator's objects in k8s/monitoring/. */
const writeStack = (stack = goodStack().map(o => o.object)) => {
  for (const [file, objects] of Object.entries(stackFiles(stack))) {
    write(file, objects);
  }
};
const read = (file: string) =>
  fs.readFileSync(path.join(workspace, file), 'utf8');

describe('evolution-todo:validate', () => {
  it('is a dry-run capable action with examples', () => {
    expect(action.id).toBe('evolution-todo:validate');
    expect(action.supportsDryRun).toBe(true);
    expect(action.examples?.length).toBeGreaterThan(0);
  });

  it('example 1: the rendered chart, manifests and Dockerfiles pass the gate', async () => {
    const runs = await runExample(examples[0], actions, {
      workspacePath: workspace,
      parameters: { name: 'todo' },
    });
    const { summary, findings, reportPath } = runs.validate.outputs;
    expect(findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(summary.objects).toBe(runs.manifests.outputs.objects);
    expect(summary.dockerfiles).toBe(
      runs.docker.outputs.files.filter((f: string) => f.endsWith('/Dockerfile'))
        .length,
    );
    expect(summary.dockerfiles).toBeGreaterThan(0);
    expect(reportPath).toBe(REPORT_MARKDOWN);
    expect(read(REPORT_MARKDOWN)).toContain('✅ passed');
  });

  it('example 2: validates only the target folder', async () => {
    fs.writeFileSync(
      path.join(workspace, 'stray.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: stray}\n',
    );
    const runs = await runExample(examples[1], actions, {
      workspacePath: workspace,
      parameters: {},
    });
    const { summary, findings, reportPath } = runs.validate.outputs;
    expect(findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(findings.some((f: any) => f.object.includes('stray'))).toBe(false);
    expect(summary.objects).toBe(runs.manifests.outputs.objects);
    expect(reportPath).toBe(`deploy/${REPORT_MARKDOWN}`);
  });

  it('passes a compliant repository, logs the verdict and writes both reports', async () => {
    writeStack();
    const run = await runAction(
      action,
      {},
      { workspacePath: workspace, isDryRun: true },
    );

    expect(run.outputs.summary).toEqual({
      errors: 0,
      warnings: 0,
      objects: goodStack().length,
      dockerfiles: 0,
    });
    expect(run.outputs.findings).toEqual([]);
    expect(run.logs).toContain(
      `No findings. ${
        goodStack().length
      } objects in 2 files: 0 errors, 0 warnings`,
    );
    expect(JSON.parse(read(REPORT_JSON))).toEqual({
      summary: run.outputs.summary,
      findings: [],
    });
  });

  it('fails a broken repository after logging the table and writing the report', async () => {
    const stack = goodStack().map(o => o.object) as any[];
    const deployment = stack.find(o => o.kind === 'Deployment');
    deployment.spec.replicas = 4;
    deployment.spec.template.spec.containers[0].securityContext.runAsUser = 0;
    writeStack(stack);

    const attempt = runAction(action, {}, { workspacePath: workspace });
    await expect(attempt).rejects.toThrow(ValidationFailedError);
    const { run } = (await attempt.catch(e => e)) as {
      run: { outputs: any; logs: string[] };
    };

    expect(run.outputs.summary).toMatchObject({ errors: 2 });
    expect(
      run.outputs.findings.map((f: any) => [f.rule, f.object, f.field]),
    ).toEqual([
      ['hpa-target', 'Deployment/todo/todo-backend', 'spec.replicas'],
      [
        'run-as-non-root',
        'Deployment/todo/todo-backend',
        'spec.template.spec.containers[0].securityContext.runAsUser',
      ],
    ]);
    expect(run.logs[0]).toMatch(/^SEVERITY\s+RULE\s+OBJECT\s+FIELD\s+PROBLEM$/);
    expect(
      run.logs.some(l =>
        /^error\s+run-as-non-root\s+Deployment\/todo\/todo-backend/.test(l),
      ),
    ).toBe(true);
    expect(read(REPORT_MARKDOWN)).toContain('❌ failed');
    expect(JSON.parse(read(REPORT_JSON)).summary.errors).toBe(2);
  });

  it('fails on a Dockerfile that breaks the image checklist, in the same table as the objects', async () => {
    writeStack();
    fs.mkdirSync(path.join(workspace, 'docker/mcp'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, 'docker/mcp/Dockerfile'),
      'FROM python:3.13.12-slim-trixie AS build\nFROM python:3.13.12-slim-trixie\nUSER 10001:10001\nEXPOSE 8000\nCMD python -m todo_mcp\n',
    );

    const attempt = runAction(action, {}, { workspacePath: workspace });
    await expect(attempt).rejects.toThrow(ValidationFailedError);
    const { run } = (await attempt.catch(e => e)) as {
      run: { outputs: any; logs: string[] };
    };

    expect(
      run.outputs.findings.map((f: any) => [f.rule, f.file, f.field]),
    ).toEqual([
      // The MCP server listens on its own port, not the backend's.
      ['dockerfile/exposed-port', 'docker/mcp/Dockerfile', 'line 2'],
      ['dockerfile/exec-form', 'docker/mcp/Dockerfile', 'line 5'],
    ]);
    expect(run.outputs.summary).toMatchObject({ errors: 2, dockerfiles: 1 });
    expect(
      run.logs.some(l =>
        /^error\s+dockerfile\/exec-form\s+docker\/mcp\/Dockerfile\s+line 5\s+CMD must use the exec form/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(read(REPORT_MARKDOWN)).toContain(
      '| error | `dockerfile/exec-form` | - | docker/mcp/Dockerfile | `line 5` |',
    );
  });

  it('refuses a targetPath outside the workspace before reading anything', async () => {
    for (const targetPath of ['../', '/etc']) {
      await expect(
        runAction(action, { targetPath }, { workspacePath: workspace }),
      ).rejects.toThrow(InputError);
    }
    expect(listFiles(workspace)).toEqual([]);
  });
});
