// `yarn test:e2e [--skip-build] [test files...]`: the browser tests against the real portal.
//   1. builds the app once (packages/app/dist, which the backend's app-backend serves);
//   2. starts the real backend with app-config.yaml on a free port and waits until it is ready;
//   3. runs packages/app/e2e-tests/**/*.e2e.ts with Node's test runner, one file at a time;
//   4. stops the backend, whatever happened (failure, Ctrl-C, SIGTERM).
// Tests that need other config start their own portal (see e2e-tests/support/portal.ts).
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { SHARED_PORTAL_ENV, startPortal } from './support/portal.ts';
import { appDir, repoRoot, resultsDir } from './support/paths.ts';

const DEFAULT_TESTS = 'packages/app/e2e-tests/**/*.e2e.ts';

const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const testFiles = args.filter(arg => !arg.startsWith('--'));

/** Runs a command with inherited output; resolves with its exit code. */
function run(command, commandArgs, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', ...options });
    // If this process is told to stop, the command stops with it.
    const stopChild = () => child.kill('SIGTERM');
    process.on('exit', stopChild);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('exit', stopChild);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function elapsed(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

// Results of this run only: screenshots and portal logs of earlier runs would mislead.
await rm(resultsDir, { recursive: true, force: true });

if (!skipBuild) {
  const buildStart = Date.now();
  // The build lists hundreds of chunk sizes; keep them in a log, show them only on failure.
  mkdirSync(resultsDir, { recursive: true });
  const buildLog = path.join(resultsDir, 'app-build.log');
  const logFd = openSync(buildLog, 'w');
  console.log('e2e: building the app (backstage-cli package build)');
  const code = await run('yarn', ['backstage-cli', 'package', 'build'], {
    cwd: appDir,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  if (code !== 0) {
    console.error(
      readFileSync(buildLog, 'utf8').split('\n').slice(-40).join('\n'),
    );
    console.error(`e2e: the app build failed (full output: ${buildLog})`);
    process.exit(code);
  }
  console.log(`e2e: app built in ${elapsed(buildStart)}`);
}

const portalStart = Date.now();
const portal = await startPortal();
console.log(
  `e2e: portal ready at ${portal.baseUrl} in ${elapsed(portalStart)} (log: ${
    portal.logFile
  })`,
);

let exitCode = 1;
try {
  exitCode = await run(
    process.execPath,
    [
      '--test',
      '--test-reporter=spec',
      // One browser and one portal at a time: the machines have two cores.
      '--test-concurrency=1',
      '--test-timeout=180000',
      ...(testFiles.length ? testFiles : [DEFAULT_TESTS]),
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, [SHARED_PORTAL_ENV]: portal.baseUrl },
    },
  );
} finally {
  await portal.stop();
}
console.log(`e2e: screenshots and portal logs in ${resultsDir}`);
process.exit(exitCode);
