import type { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';

export interface LogEntry {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta?: unknown;
}

/**
 * An ActionContext for scaffolder-node 1.x that records every log call and
 * output. (createMockActionContext from scaffolder-node-test-utils 0.3 is
 * typed against scaffolder-node 0.13.)
 */
export function createRecordingContext(options: {
  input: Record<string, unknown>;
  workspacePath: string;
  secrets?: Record<string, string>;
  isDryRun?: boolean;
  signal?: AbortSignal;
}) {
  const logs: LogEntry[] = [];
  const outputs: Record<string, unknown> = {};
  const logger: LoggerService = {
    error: (message, meta) => logs.push({ level: 'error', message, meta }),
    warn: (message, meta) => logs.push({ level: 'warn', message, meta }),
    info: (message, meta) => logs.push({ level: 'info', message, meta }),
    debug: (message, meta) => logs.push({ level: 'debug', message, meta }),
    child: () => logger,
  };
  const ctx: ActionContext<any, any> = {
    logger,
    input: options.input,
    workspacePath: options.workspacePath,
    secrets: options.secrets,
    isDryRun: options.isDryRun,
    signal: options.signal,
    task: { id: 'task-1' },
    checkpoint: async ({ fn }) => fn(),
    output: (name, value) => {
      outputs[name as string] = value;
    },
    createTemporaryDirectory: async () =>
      fs.mkdtemp(path.join(os.tmpdir(), 'evolution-todo-action-')),
    getInitiatorCredentials: async () => mockCredentials.user(),
  };
  return { ctx, logs, outputs };
}
