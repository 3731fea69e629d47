import { listFiles } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils';
import {
  startScaffolderWithModule,
  type DryRunFile,
  type ScaffolderWithModule,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/scaffolderTestUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { render } from './commands';
import { createCliLogger, type Output } from './logger';
import { defaultTemplateDir, templateFileIn } from './template';
import { readTemplateSteps } from './templateSteps';
import { REPO_ROOT } from './__testUtils__/runCli';

/**
 * One code path in two places: the CLI renders, file for file and mode for
 * mode, the repository a Template Editor dry run of the whole template
 * produces in the real scaffolder backend with the evolution-todo module.
 */
let scaffolder: ScaffolderWithModule;
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-cli-parity-'));
  scaffolder = await startScaffolderWithModule();
});

afterAll(async () => {
  await scaffolder.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A folder as the Template Editor uploads it ("Load Template Directory"): its files, base64. */
function directoryContents(dir: string): DryRunFile[] {
  return listFiles(dir).map(file => ({
    path: file,
    base64Content: fs.readFileSync(path.join(dir, file)).toString('base64'),
  }));
}

describe('render and a Template Editor dry run', () => {
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
    const templateDir = defaultTemplateDir();
    const result = await scaffolder.dryRun({
      template: YAML.parse(
        fs.readFileSync(templateFileIn(templateDir), 'utf8'),
      ),
      values,
      directoryContents: directoryContents(templateDir),
    });
    const ran = new Set(
      result.log
        .filter(e => e.body.status === 'completed')
        .map(e => e.body.stepId),
    );
    // Every step the CLI runs ran in the portal too.
    const cliSteps = await readTemplateSteps(templateFileIn(templateDir));
    expect([...ran]).toEqual(
      expect.arrayContaining(cliSteps.map(step => step.id)),
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
      executable(path.join(templateDir, 'skeleton')),
    );
    expect(executable(out)).toContain('scripts/deploy.sh');
  }, 60_000);
});
