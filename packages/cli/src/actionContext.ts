import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject, JsonValue } from '@backstage/types';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface CliActionContext
  extends ActionContext<JsonObject, JsonObject> {
  /** What the action passed to ctx.output. */
  readonly outputs: Record<string, JsonValue>;
  /** Removes the temporary directories the action created. */
  cleanup(): Promise<void>;
}

/**
 * The ActionContext the scaffolder would give an action, for running actions
 * outside Backstage: a real workspace folder, a terminal logger, outputs
 * collected, no user and no secrets.
 */
export function createCliActionContext(options: {
  workspacePath: string;
  input: JsonObject;
  logger: LoggerService;
  step: { id: string; name: string };
  /** Where the template lives: fetch:template reads a relative url below it. */
  templateInfo?: ActionContext<JsonObject, JsonObject>['templateInfo'];
  signal?: AbortSignal;
}): CliActionContext {
  const outputs: Record<string, JsonValue> = {};
  const temporary: string[] = [];
  return {
    workspacePath: options.workspacePath,
    input: options.input,
    logger: options.logger,
    task: { id: `cli-${process.pid}` },
    step: options.step,
    templateInfo: options.templateInfo,
    signal: options.signal,
    isDryRun: false,
    outputs,
    output(name, value) {
      outputs[String(name)] = value as JsonValue;
    },
    async checkpoint({ fn }) {
      return fn();
    },
    async createTemporaryDirectory() {
      const dir = await fs.mkdtemp(
        path.join(os.tmpdir(), 'evolution-todo-cli-'),
      );
      temporary.push(dir);
      return dir;
    },
    async getInitiatorCredentials() {
      return {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'none' },
      };
    },
    async cleanup() {
      await Promise.all(
        temporary.map(dir => fs.rm(dir, { recursive: true, force: true })),
      );
    },
  };
}
