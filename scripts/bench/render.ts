/*
 * Bench: render + validate of every example values file, in process, against
 * one `helm template` of the generated chart (a process spawn).
 *
 *   yarn bench:render [--runs 15] [--helm 3|4]
 *
 * Render + validate runs the CLI's own pipeline (render:chart, render:manifests,
 * render:docker, validate) into a fresh folder each run; the median of --runs
 * runs is reported, after two warm-up runs. Acceptance (issue 3): render +
 * validate of full-development.yaml within 300 ms. Exit status 1 when it is not.
 */
import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import YAML from 'yaml';
import { createCliActionContext, renderPipeline } from '@evolution-todo/cli';
import type { HelmMajor } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils';
import { helmMajorOption, timeHelmTemplate } from './helmReference';
import { median, numberOption } from './stats';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples/values');
const FULL_EXAMPLE = 'full-development.yaml';
const BUDGET_MS = 300;

const silent: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => silent,
};

/** Runs the render + validate pipeline into dir; returns the object count. */
async function renderAndValidate(
  parameters: any,
  dir: string,
): Promise<number> {
  let objects = 0;
  for (const action of renderPipeline()) {
    const ctx = createCliActionContext({
      workspacePath: dir,
      input: action.id === 'evolution-todo:validate' ? {} : { parameters },
      logger: silent,
      step: { id: action.id, name: action.id },
    });
    await action.handler(ctx);
    if (action.id === 'evolution-todo:validate') {
      objects = (ctx.outputs.summary as any).objects;
    }
  }
  return objects;
}

async function timeRenderAndValidate(parameters: any, runs: number) {
  const times: number[] = [];
  let objects = 0;
  let lastDir = '';
  for (let i = 0; i < runs + 2; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-bench-'));
    const start = performance.now();
    objects = await renderAndValidate(parameters, dir);
    const elapsed = performance.now() - start;
    if (i >= 2) {
      times.push(elapsed);
    }
    if (lastDir) {
      fs.rmSync(lastDir, { recursive: true, force: true });
    }
    lastDir = dir;
  }
  return { ms: median(times), objects, dir: lastDir };
}

/** Median of `runs` `helm template` runs of the chart rendered into dir. */
async function helmTemplateMs(
  major: HelmMajor,
  dir: string,
  parameters: any,
  runs: number,
) {
  const spec = parseDeploymentParameters(parameters);
  const chart = path.join(dir, 'helm/evolution-todo');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await timeHelmTemplate(major, chart, spec.name, spec.namespace));
  }
  return median(times);
}

async function main() {
  const runs = numberOption('runs', 15);
  const major = helmMajorOption();
  const examples = fs
    .readdirSync(EXAMPLES)
    .filter(f => f.endsWith('.yaml'))
    .sort();
  const rows: string[][] = [];
  let fullMs = Number.NaN;
  for (const example of examples) {
    const parameters = YAML.parse(
      fs.readFileSync(path.join(EXAMPLES, example), 'utf8'),
    );
    const rendered = await timeRenderAndValidate(parameters, runs);
    const helmMs = await helmTemplateMs(
      major,
      rendered.dir,
      parameters,
      Math.min(runs, 5),
    );
    fs.rmSync(rendered.dir, { recursive: true, force: true });
    if (example === FULL_EXAMPLE) {
      fullMs = rendered.ms;
    }
    rows.push([
      example,
      String(rendered.objects),
      rendered.ms.toFixed(1),
      helmMs.toFixed(1),
      (rendered.ms / helmMs).toFixed(2),
    ]);
  }
  const header = [
    'example',
    'objects',
    'render+validate ms',
    `helm ${major} template ms`,
    'ratio',
  ];
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map(r => r[c].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) =>
        c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]),
      )
      .join('  ');
  console.log(
    `render + validate: median of ${runs} in-process runs (after 2 warm-ups); helm template: median of ${Math.min(
      runs,
      5,
    )} spawns`,
  );
  console.log(line(header));
  rows.forEach(r => console.log(line(r)));
  const ok = fullMs <= BUDGET_MS;
  console.log(
    `${
      ok ? 'PASS' : 'FAIL'
    }: render + validate of ${FULL_EXAMPLE} took ${fullMs.toFixed(
      1,
    )} ms (budget ${BUDGET_MS} ms)`,
  );
  process.exitCode = ok ? 0 : 1;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
