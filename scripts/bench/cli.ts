/*
 * Bench: the headless CLI as a user runs it, whole process, against one
 * `helm template` of the chart it generated, measured in the same run.
 *
 *   yarn bench:cli [--runs 7] [--helm 3|4]
 *
 * Each round runs, one after the other: `helm template` of the rendered chart,
 * `scripts/evolution-todo --help`, and `scripts/evolution-todo render` of
 * examples/values/minimal.yaml into a new folder (bash wrapper and set-up check
 * included). Medians over --runs rounds after one warm-up round. It also
 * prints what a render spends per step (from `--verbose`) and the time Node
 * takes only to load the scaffolder packages the CLI runs (the scaffolder's
 * own fetch:template and createTemplateAction), the floor no change of ours
 * removes.
 *
 * Goal (issue 11): render ≤ 4× one `helm template`. Exit status 1 when missed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { helmMajorOption, timeHelmTemplate } from './helmReference';
import { median, numberOption } from './stats';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'scripts/evolution-todo');
const VALUES = path.join(ROOT, 'examples/values/minimal.yaml');
const GOAL_RATIO = 4;

async function timed(file: string, args: string[], cwd = ROOT) {
  const start = performance.now();
  const { stdout } = await run(file, args, {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, KUBECONFIG: '/dev/null' },
  });
  return { ms: performance.now() - start, stdout };
}

/** `    <step> took N ms` lines of a --verbose render, in order. */
function stepTimes(stdout: string): Array<[string, number]> {
  return [...stdout.matchAll(/^ {4}(\S+) took (\d+) ms$/gm)].map(m => [
    m[1],
    Number(m[2]),
  ]);
}

async function main() {
  const runs = numberOption('runs', 7);
  const major = helmMajorOption();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-cli-'));
  try {
    const reference = path.join(scratch, 'reference');
    await timed(CLI, ['render', '--values', VALUES, '--out', reference]);
    const chart = path.join(reference, 'helm/evolution-todo');

    const helmMs: number[] = [];
    const helpMs: number[] = [];
    const renderMs: number[] = [];
    const loadMs: number[] = [];
    for (let round = 0; round <= runs; round++) {
      const out = path.join(scratch, `render-${round}`);
      const times = [
        await timeHelmTemplate(major, chart, 'todo'),
        (await timed(CLI, ['--help'])).ms,
        (await timed(CLI, ['render', '--values', VALUES, '--out', out])).ms,
        (
          await timed(
            process.execPath,
            [
              '-e',
              "require('@backstage/plugin-scaffolder-node'); require('@backstage/plugin-scaffolder-backend')",
            ],
            path.join(ROOT, 'packages/cli'),
          )
        ).ms,
      ];
      fs.rmSync(out, { recursive: true, force: true });
      if (round === 0) continue; // warm-up: file caches, Node's compile cache
      helmMs.push(times[0]);
      helpMs.push(times[1]);
      renderMs.push(times[2]);
      loadMs.push(times[3]);
    }
    const verbose = await timed(CLI, [
      'render',
      '--verbose',
      '--values',
      VALUES,
      '--out',
      path.join(scratch, 'verbose'),
    ]);

    const helmMedian = median(helmMs);
    const ratio = (ms: number) => `${(ms / helmMedian).toFixed(1)}×`;
    const row = (label: string, ms: number) =>
      `${label.padEnd(46)} ${ms.toFixed(0).padStart(6)} ms  ${ratio(ms)}`;
    const lines = [
      `medians of ${runs} rounds (Helm ${major}; ratios against helm template)`,
      row('helm template (reference)', helmMedian),
      row('scripts/evolution-todo --help', median(helpMs)),
      row('scripts/evolution-todo render (whole process)', median(renderMs)),
      row('node loading only the scaffolder packages', median(loadMs)),
      'one --verbose render, per step:',
      ...stepTimes(verbose.stdout).map(([step, ms]) => row(`  ${step}`, ms)),
    ];
    const renderRatio = median(renderMs) / helmMedian;
    const pass = renderRatio <= GOAL_RATIO;
    lines.push(
      `${pass ? 'PASS' : 'FAIL'}: render is ${renderRatio.toFixed(
        1,
      )}× helm template (goal ≤ ${GOAL_RATIO}×)`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!pass) process.exitCode = 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
