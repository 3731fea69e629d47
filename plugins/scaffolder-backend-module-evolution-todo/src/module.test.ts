import {
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { listFiles } from './render/files';
import { render } from './cli/commands';
import { createCliLogger, type Output } from './cli/logger';
import { REPO_ROOT } from './cli/runCli';
import { scaffolderModuleEvolutionTodo } from './module';
import { templateDir, templateFile } from './skeleton/values';

/**
 * The module inside the real scaffolder backend plugin: it registers exactly
 * these actions (a missing or an extra one is a change to review), and the
 * Template Editor's dry run executes them and shows the files they write.
 */
const EXPECTED_ACTION_IDS = [
  'evolution-todo:catalog:register-local',
  'evolution-todo:deploy',
  'evolution-todo:publish:github-template-branch',
  'evolution-todo:publish:local',
  'evolution-todo:render:chart',
  'evolution-todo:render:docker',
  'evolution-todo:render:manifests',
  'evolution-todo:resolve-parameters',
  'evolution-todo:upgrade',
  'evolution-todo:upgrade:github',
  'evolution-todo:upgrade:parameters',
  'evolution-todo:validate',
];

let backend: TestBackend;
let baseUrl: string;
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-module-'));
  backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleEvolutionTodo,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        // The template's local destination; a dry run publishes nothing there.
        data: {
          evolutionTodo: {
            localPublish: { directory: path.join(tmp, 'repos') },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as { port: number };
  baseUrl = `http://localhost:${port}/api/scaffolder`;
});

afterAll(async () => {
  await backend.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface DryRunFile {
  path: string;
  base64Content: string;
  executable?: boolean;
}

async function dryRun(body: {
  template: unknown;
  values: unknown;
  directoryContents: DryRunFile[];
}) {
  const response = await fetch(`${baseUrl}/v2/dry-run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const result = await response.json();
  // The body explains a failure (an action's error, a template problem).
  expect({ status: response.status, error: result.error }).toEqual({
    status: 200,
  });
  return result as {
    directoryContents: DryRunFile[];
    log: { body: { message: string; stepId?: string; status?: string } }[];
    output: any;
  };
}

/** A folder as the Template Editor sends it: the template's own files, base64. */
function directoryContents(dir: string): DryRunFile[] {
  return listFiles(dir).map(file => ({
    path: file,
    base64Content: fs.readFileSync(path.join(dir, file)).toString('base64'),
  }));
}

describe('scaffolderModuleEvolutionTodo', () => {
  it('registers exactly the evolution-todo actions with the scaffolder', async () => {
    const response = await fetch(`${baseUrl}/v2/actions`);
    expect(response.status).toBe(200);
    const actions: { id: string; schema?: { input?: unknown } }[] =
      await response.json();

    const ours = actions.filter(a => a.id.startsWith('evolution-todo:'));
    expect(ours.map(a => a.id).sort()).toEqual(EXPECTED_ACTION_IDS);
    // The zod callbacks became JSON schemas the Template Editor can show.
    for (const action of ours) {
      expect(action.schema?.input).toMatchObject({ type: 'object' });
    }
  });

  it('renders and validates in a Template Editor dry run', async () => {
    const template = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'evolution-todo-dry-run' },
      spec: {
        type: 'service',
        parameters: [{ properties: { name: { type: 'string' } } }],
        steps: [
          {
            id: 'chart',
            action: 'evolution-todo:render:chart',
            input: { parameters: '${{ parameters }}' },
          },
          {
            id: 'manifests',
            action: 'evolution-todo:render:manifests',
            input: { parameters: '${{ parameters }}' },
          },
          { id: 'validate', action: 'evolution-todo:validate' },
        ],
        output: {
          text: [
            {
              title: 'Report',
              content: '${{ steps.validate.output.reportPath }}',
            },
          ],
        },
      },
    };
    const result = await dryRun({
      template,
      values: { name: 'todo' },
      directoryContents: [],
    });

    const files: string[] = result.directoryContents.map(
      (f: { path: string }) => f.path,
    );
    expect(files).toEqual(
      expect.arrayContaining([
        'helm/evolution-todo/Chart.yaml',
        'helm/evolution-todo/values.yaml',
        'k8s/deployments/backend.yaml',
        'k8s/secrets/db-secret.yaml.example',
        '.evolution-todo/validation-report.md',
      ]),
    );
    const messages: string[] = result.log.map(
      (e: { body: { message: string } }) => e.body.message,
    );
    expect(messages.some(m => m.includes('Validation passed'))).toBe(true);
    expect(result.output.text[0].content).toBe(
      '.evolution-todo/validation-report.md',
    );
  });

  it('produces, for the whole template, the repository the headless CLI renders', async () => {
    const valuesFile = path.join(
      REPO_ROOT,
      'examples/values/full-development.yaml',
    );
    // The form's own question (not a parameter of the stack): where to publish, after validate.
    const values = {
      ...YAML.parse(fs.readFileSync(valuesFile, 'utf8')),
      destination: 'local',
    };
    const result = await dryRun({
      template: YAML.parse(fs.readFileSync(templateFile(), 'utf8')),
      values,
      directoryContents: directoryContents(templateDir()),
    });
    const ran = new Set(
      result.log
        .filter(e => e.body.status === 'completed')
        .map(e => e.body.stepId),
    );
    expect([...ran]).toEqual(
      expect.arrayContaining([
        'resolve',
        'skeleton',
        'chart',
        'manifests',
        'docker',
        'validate',
      ]),
    );
    const fromScaffolder = new Map(
      result.directoryContents.map(file => [
        file.path,
        Buffer.from(file.base64Content, 'base64').toString('utf8'),
      ]),
    );

    const out = path.join(tmp, 'cli');
    const lines: string[] = [];
    const output: Output = {
      out: line => lines.push(line),
      err: line => lines.push(`stderr: ${line}`),
    };
    const status = await render(
      { values: valuesFile, out, force: false },
      { output, logger: createCliLogger(output) },
    );
    expect({
      status,
      errors: lines.filter(l => l.startsWith('stderr: ')),
    }).toEqual({ status: 0, errors: [] });
    const fromCli = new Map(
      listFiles(out).map(file => [
        file,
        fs.readFileSync(path.join(out, file), 'utf8'),
      ]),
    );

    // Skeleton, chart, manifests, Dockerfiles and the report: the whole repository.
    expect([...fromCli.keys()]).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'backend/app/main.py',
        '.github/workflows/ci.yaml',
        'scripts/deploy.sh',
        'helm/evolution-todo/Chart.yaml',
        'k8s/deployments/backend.yaml',
        'docker/backend/Dockerfile',
        '.evolution-todo/validation-report.md',
      ]),
    );
    expect([...fromCli.keys()]).toEqual([...fromScaffolder.keys()].sort());
    expect(fromCli).toEqual(fromScaffolder);
    // File modes: a dry run's uploaded files carry none; the CLI, like a real task, keeps the skeleton's.
    const executable = (dir: string) =>
      listFiles(dir).filter(
        file => (fs.statSync(path.join(dir, file)).mode & 0o111) !== 0,
      );
    expect(executable(out)).toEqual(
      executable(path.join(templateDir(), 'skeleton')),
    );
    expect(executable(out)).toContain('scripts/deploy.sh');
  }, 60_000);
});
