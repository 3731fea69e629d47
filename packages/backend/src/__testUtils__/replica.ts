import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eventually } from '../testUtils/polling';
import { REPO_ROOT } from '../testUtils/paths';

const BACKEND_DIR = path.join(REPO_ROOT, 'packages/backend');

/** How a backend process ended: its exit code, or the signal that ended it. */
export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Replica {
  name: string;
  baseUrl: string;
  /** Where the process's stdout and stderr go, for a failing test to show. */
  logFile: string;
  /** The last lines of its log. */
  logTail(lines?: number): string;
  /** Ends the process at once, as a crashed pod or a lost node would. */
  kill(): Promise<void>;
  /**
   * SIGTERM, as Kubernetes stops a pod; SIGKILL once the timeout (the pod's
   * termination grace period) has passed. Resolves to how the process ended:
   * signal SIGKILL means it did not stop by itself in time.
   */
  stop(timeoutMs?: number): Promise<ProcessEnd>;
}

/**
 * Starts the portal backend (packages/backend/src/index.ts, every feature of
 * features.ts) as a process of its own, the way `yarn start` does, with
 * app-config.yaml and the given config files. Resolves once it reports ready.
 *
 * The child exits when the test process goes away (its IPC channel closes),
 * so a crashed or killed test leaves no backend behind.
 */
export async function startReplica(options: {
  name: string;
  port: number;
  configFiles: string[];
  /** Environment variables for the config files' ${VAR} substitutions. */
  env?: Record<string, string>;
  logDir: string;
  readyTimeoutMs?: number;
}): Promise<Replica> {
  const { name, port } = options;
  const logFile = path.join(options.logDir, `${name}.log`);
  const log = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      '--require',
      path.join(__dirname, 'exitWithParent.cjs'),
      'src/index.ts',
      '--config',
      path.join(REPO_ROOT, 'app-config.yaml'),
      ...options.configFiles.flatMap(file => ['--config', file]),
    ],
    {
      cwd: BACKEND_DIR,
      env: {
        ...process.env,
        ...options.env,
        NODE_ENV: 'production',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', log, log, 'ipc'],
    },
  );
  fs.closeSync(log);
  const exited = new Promise<ProcessEnd>(resolve =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const running = () => child.exitCode === null && child.signalCode === null;

  const logTail = (lines = 40) =>
    fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');

  const stop = async (timeoutMs = 15_000): Promise<ProcessEnd> => {
    if (running()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };

  const baseUrl = `http://localhost:${port}`;
  try {
    await eventually(
      async () => {
        if (!running()) {
          throw new Error(
            `replica ${name} exited during start-up:\n${logTail()}`,
          );
        }
        const res = await fetch(
          `${baseUrl}/.backstage/health/v1/readiness`,
        ).catch(() => undefined);
        return res?.ok ? true : undefined;
      },
      `replica ${name} to be ready on port ${port}`,
      { timeoutMs: options.readyTimeoutMs ?? 120_000, intervalMs: 250 },
    );
  } catch (error) {
    await stop(1_000);
    throw new Error(
      `${(error as Error).message}\n--- ${name} log ---\n${logTail()}`,
    );
  }

  return {
    name,
    baseUrl,
    logFile,
    logTail,
    async kill() {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
    stop,
  };
}
