/*
 * Bench: the golden path from the portal, end to end.
 *
 *   yarn bench:golden-path [--runs 5]
 *
 * Starts the real portal backend in this process (every feature of
 * packages/backend/src/features.ts, the real app-config.yaml, a guest sign-in),
 * then, --runs times with a new name each, submits the evolution-todo template
 * with the form's default values and the local destination, as the Create page
 * does, and measures from the POST of the task until the task has finished and
 * the catalog serves every entity of the new repository. Finally it runs
 * `scripts/evolution-todo validate` on the last published repository.
 *
 * Acceptance (issue 4): the median end-to-end time is under 5 s, and the
 * validation reports 0 errors. Exit status 1 otherwise.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { eventually, readTemplate, submittedValues } from 'backend/testUtils';
import {
  entityExists,
  runPortalBench,
  TEMPLATE_REF,
  withPortal,
  type PortalApi as Api,
} from './portal';
import { median, numberOption } from './stats';

const ROOT = path.resolve(__dirname, '../..');
const OWNER = 'group:default/todo-team';
const BUDGET_MS = 5000;
const POLL_MS = 25;

/** One golden-path run: the Create page's POST, the task page's polling, the catalog. */
async function run(api: Api, name: string) {
  const values = submittedValues(readTemplate(), { name, owner: OWNER });
  const refs = [
    `system:default/${name}`,
    ...['frontend', 'backend', 'mcp'].map(
      c => `component:default/${name}-${c}`,
    ),
    ...['postgres', 'redis'].map(c => `resource:default/${name}-${c}`),
  ];
  const start = performance.now();
  const created = await api('/api/scaffolder/v2/tasks', {
    method: 'POST',
    body: JSON.stringify({ templateRef: TEMPLATE_REF, values }),
  });
  if (created.status !== 201) {
    throw new Error(
      `task not created: ${created.status} ${await created.text()}`,
    );
  }
  const { id } = await created.json();
  const status = await eventually(
    async () => {
      const task = await (await api(`/api/scaffolder/v2/tasks/${id}`)).json();
      return ['completed', 'failed', 'cancelled'].includes(task.status)
        ? (task.status as string)
        : undefined;
    },
    `task ${id}`,
    { timeoutMs: 60_000, intervalMs: POLL_MS },
  );
  const taskMs = performance.now() - start;
  if (status !== 'completed') {
    const events = await (
      await api(`/api/scaffolder/v2/tasks/${id}/events`)
    ).json();
    const log = events
      .map((e: any) => e.body.message)
      .filter(Boolean)
      .join('\n');
    throw new Error(`task ${id} ${status}:\n${log}`);
  }
  const pending = new Set(refs);
  await eventually(
    async () => {
      for (const ref of [...pending]) {
        if (await entityExists(api, ref)) pending.delete(ref);
      }
      return pending.size === 0 ? true : undefined;
    },
    `catalog entities of ${name}`,
    { timeoutMs: 60_000, intervalMs: POLL_MS },
  );
  return { taskMs, endToEndMs: performance.now() - start };
}

/** `scripts/evolution-todo validate <dir>`, as a user or CI would run it. */
function cliValidate(
  dir: string,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, 'scripts/evolution-todo'),
      ['validate', dir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, FORCE_COLOR: '0' },
      },
    );
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.on('error', reject);
    child.on('close', status => resolve({ status, output }));
  });
}

async function main() {
  const runs = numberOption('runs', 5);
  await withPortal('golden-path', async portal => {
    console.log(
      `portal ready with the template in ${(portal.startupMs / 1000).toFixed(
        1,
      )} s; ${runs} runs, default form values, local destination`,
    );
    console.log('run  name        task ms  end-to-end ms (task + catalog)');
    const results: Array<{ name: string; taskMs: number; endToEndMs: number }> =
      [];
    for (let i = 1; i <= runs; i++) {
      const name = `bench-${i}`;
      const result = await run(portal.api, name);
      results.push({ name, ...result });
      console.log(
        `${String(i).padStart(3)}  ${name.padEnd(10)}  ${result.taskMs
          .toFixed(0)
          .padStart(7)}  ${result.endToEndMs.toFixed(0).padStart(13)}`,
      );
    }
    const e2e = median(results.map(r => r.endToEndMs));
    console.log(
      `median: task ${median(results.map(r => r.taskMs)).toFixed(
        0,
      )} ms, end to end ${e2e.toFixed(0)} ms; slowest end to end ${Math.max(
        ...results.map(r => r.endToEndMs),
      ).toFixed(0)} ms`,
    );

    const last = path.join(
      portal.localReposDir,
      results[results.length - 1].name,
    );
    const validation = await cliValidate(last);
    const summary = validation.output
      .split('\n')
      .filter(line => /\d+ errors?, \d+ warnings?/.test(line))
      .pop();
    console.log(
      `scripts/evolution-todo validate ${last}: exit ${validation.status}; ${
        summary ?? validation.output.trim()
      }`,
    );

    const fast = e2e < BUDGET_MS;
    const valid = validation.status === 0 && / 0 errors,/.test(summary ?? '');
    console.log(
      `${fast && valid ? 'PASS' : 'FAIL'}: median end to end ${e2e.toFixed(
        0,
      )} ms (budget ${BUDGET_MS} ms); validation ${
        valid ? '0 errors' : 'failed'
      }`,
    );
    process.exitCode = fast && valid ? 0 : 1;
  });
}

runPortalBench(main);
