import type { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';

/**
 * What the scaffolder stores per checkpoint in the task state
 * (NunjucksWorkflowRunner: `state.checkpoints[key]`), and hands back to a
 * recovered or retried run of the same step.
 */
export type CheckpointState = Record<
  string,
  { status: 'success'; value: unknown } | { status: 'failed'; reason: string }
>;

export interface LogEntry {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta?: unknown;
}

/**
 * The one ActionContext fake of this package's tests: scaffolder-node 1.x's
 * context, recording every log call and output. (createMockActionContext from
 * scaffolder-node-test-utils 0.3 is typed against scaffolder-node 0.13.)
 */
export function createRecordingContext(options: {
  input: Record<string, unknown>;
  workspacePath: string;
  secrets?: Record<string, string>;
  isDryRun?: boolean;
  signal?: AbortSignal;
  /** The template's location: fetch:template reads a relative url below it. */
  templateInfo?: ActionContext<any, any>['templateInfo'];
  /** Where createTemporaryDirectory makes its folders (default: the OS temp folder). */
  temporaryParent?: string;
  /**
   * The task state of an earlier run of the step. Checkpoints behave as the
   * scaffolder's runner makes them: a key that succeeded before returns its
   * stored value without calling fn; otherwise fn runs and its outcome is
   * recorded here.
   */
  checkpoints?: CheckpointState;
}) {
  const checkpoints: CheckpointState = options.checkpoints ?? {};
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
    templateInfo: options.templateInfo,
    task: { id: 'task-1' },
    checkpoint: async ({ key, fn }) => {
      const previous = checkpoints[key];
      if (previous?.status === 'success') return previous.value as any;
      try {
        const value = await fn();
        // Stored as JSON, as the task state is.
        checkpoints[key] = {
          status: 'success',
          value: JSON.parse(JSON.stringify(value ?? {})),
        };
        return value;
      } catch (error) {
        checkpoints[key] = { status: 'failed', reason: String(error) };
        throw error;
      }
    },
    output: (name, value) => {
      outputs[name as string] = value;
    },
    createTemporaryDirectory: async () =>
      fs.mkdtemp(
        path.join(
          options.temporaryParent ?? os.tmpdir(),
          'evolution-todo-action-',
        ),
      ),
    getInitiatorCredentials: async () => mockCredentials.user(),
  };
  return { ctx, logs, outputs, checkpoints };
}
