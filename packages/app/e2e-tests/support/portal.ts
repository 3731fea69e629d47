import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
// The backend tests' free-port helper, through the backend package's export pollingTestUtils (one helper for both).
import { freePort } from 'backend/pollingTestUtils';
import { appConfigFile, appDir, backendDir, resultsDir } from './paths.ts';

/** A running portal: the real backend, serving the built app and the APIs on one origin. */
export interface Portal {
  baseUrl: string;
  /** Where the backend's output goes, for reading after a failure. */
  logFile?: string;
  stop(): Promise<void>;
}

export interface StartPortalOptions {
  /**
   * app-config fragments merged over app-config.yaml, in order; e.g.
   * `{ kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: [...] }] } }`.
   */
  configOverlays?: object[];
  /** Defaults to a free port, so runs never collide with `yarn start` or each other. */
  port?: number;
  readyTimeoutMs?: number;
}

/** Set by e2e-tests/run.mjs for the portal it starts for all test files. */
export const SHARED_PORTAL_ENV = 'E2E_PORTAL_URL';

const running = new Set<ChildProcess>();

/**
 * The portal for a test file: the shared one from `yarn test:e2e` when the test needs no extra
 * config, otherwise (or when a file runs on its own) a portal of its own. Always call `stop()`;
 * for the shared portal it does nothing.
 */
export async function usePortal(
  options: StartPortalOptions = {},
): Promise<Portal> {
  const shared = process.env[SHARED_PORTAL_ENV];
  if (shared && !options.configOverlays?.length && !options.port) {
    return { baseUrl: shared, stop: async () => {} };
  }
  return startPortal(options);
}

/**
 * Starts the real backend (packages/backend/src/index.ts, every feature) with app-config.yaml
 * plus overlays, and resolves once /.backstage/health/v1/readiness answers 200. The backend's
 * app-backend serves packages/app/dist, so build the app first (`yarn test:e2e` does).
 */
export async function startPortal(
  options: StartPortalOptions = {},
): Promise<Portal> {
  if (!fs.existsSync(path.join(appDir, 'dist/index.html.tmpl'))) {
    throw new Error(
      'packages/app/dist is missing: build the app first (yarn test:e2e does, or `yarn workspace app build`).',
    );
  }
  const port = options.port ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  const configDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-portal-'));
  const configFiles = [appConfigFile];
  const overlays = [
    servedFrom(baseUrl, port),
    ...(options.configOverlays ?? []),
  ];
  for (const [index, overlay] of overlays.entries()) {
    const file = path.join(configDir, `overlay-${index}.yaml`);
    await writeFile(file, JSON.stringify(overlay, null, 2)); // JSON is YAML
    configFiles.push(file);
  }

  fs.mkdirSync(resultsDir, { recursive: true });
  const logFile = path.join(resultsDir, `portal-${port}.log`);
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, backendArgs(configFiles), {
    cwd: backendDir,
    // `yarn start` runs the backend in development mode, which is what allows guest sign-in.
    env: { ...process.env, NODE_ENV: 'development' },
    // Its own process group, so stop() ends it and anything it spawned.
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  running.add(child);
  installCleanupHandlers();
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  exited.then(() => running.delete(child));

  const stop = async () => {
    await stopProcessGroup(child, exited);
    await rm(configDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(baseUrl, exited, options.readyTimeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    const tail = (await readFile(logFile, 'utf8')).split('\n').slice(-30);
    throw new Error(
      `${(error as Error).message}\nLast lines of ${logFile}:\n${tail.join(
        '\n',
      )}`,
    );
  }
  return { baseUrl, logFile, stop };
}

/** The overlay that makes the backend serve both the app and the APIs at baseUrl. */
function servedFrom(baseUrl: string, port: number): object {
  return {
    app: { baseUrl },
    backend: { baseUrl, listen: { port }, cors: { origin: baseUrl } },
  };
}

// What `backstage-cli package start` runs, minus its file watcher: another engineer saving a
// plugin file must not restart the backend in the middle of a browser test.
function backendArgs(configFiles: string[]): string[] {
  const backendRequire = createRequire(path.join(backendDir, 'package.json'));
  return [
    '--enable-source-maps',
    '--require',
    backendRequire.resolve('@backstage/cli/config/nodeTransform.cjs'),
    '--require',
    path.join(import.meta.dirname, 'exitWithParent.cjs'),
    'src/index',
    ...configFiles.flatMap(file => ['--config', file]),
  ];
}

async function waitUntilReady(
  baseUrl: string,
  exited: Promise<void>,
  timeoutMs: number,
): Promise<void> {
  let hasExited = false;
  exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`The portal backend exited during start-up`);
    const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`).catch(
      () => undefined,
    );
    if (res?.status === 200) return;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `The portal at ${baseUrl} was not ready after ${timeoutMs} ms`,
  );
}

async function stopProcessGroup(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child, 'SIGTERM');
  const timeout = new Promise<'timeout'>(r =>
    setTimeout(r, 10_000, 'timeout').unref(),
  );
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

let cleanupInstalled = false;

// Whoever started a portal must not leave it behind: not on Ctrl-C, not on a failed test.
// The backend keeps nothing worth a graceful shutdown (in-memory SQLite), so SIGKILL on exit.
function installCleanupHandlers() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => {
    for (const child of running) signalGroup(child, 'SIGKILL');
  });
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
}
