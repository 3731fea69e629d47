import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CHART_FOLDER, createRenderChartAction } from '../actions/renderChart';
import { createRenderDockerAction } from '../actions/renderDocker';
import {
  createRenderManifestsAction,
  MANIFESTS_FOLDER,
} from '../actions/renderManifests';
import {
  createValidateAction,
  ValidationFailedError,
} from '../actions/validate';
import { DOCKER_FOLDER } from '../render/docker';
import { createCliActionContext } from './actionContext';
import type { Output } from './logger';
import { readValuesFile } from './values';

/**
 * The template's render and validate steps, in the template's order: the CLI
 * runs the very actions the scaffolder runs, on a folder instead of a task
 * workspace.
 */
export function renderPipeline(): TemplateAction<any, any, any>[] {
  return [
    createRenderChartAction(),
    createRenderManifestsAction(),
    createRenderDockerAction(),
    createValidateAction(),
  ];
}

/** The folders the render actions own: --force replaces them, nothing else. */
const RENDERED_FOLDERS = [
  CHART_FOLDER,
  MANIFESTS_FOLDER,
  DOCKER_FOLDER,
  '.evolution-todo',
];

export interface CliEnvironment {
  output: Output;
  logger: LoggerService;
  signal?: AbortSignal;
}

async function runStep(
  action: TemplateAction<any, any, any>,
  input: JsonObject,
  workspacePath: string,
  env: CliEnvironment,
): Promise<void> {
  env.output.out(`==> ${action.id}`);
  const ctx = createCliActionContext({
    workspacePath,
    input,
    logger: env.logger,
    step: { id: action.id, name: action.description ?? action.id },
    signal: env.signal,
  });
  try {
    await action.handler(ctx);
  } finally {
    await ctx.cleanup();
  }
}

/** Runs the actions; a failing one stops the run with exit status 1, like a failed task step. */
async function runSteps(
  steps: { action: TemplateAction<any, any, any>; input: JsonObject }[],
  workspacePath: string,
  env: CliEnvironment,
): Promise<number> {
  for (const { action, input } of steps) {
    try {
      await runStep(action, input, workspacePath, env);
    } catch (error: any) {
      // The validate action has already printed its findings table.
      env.output.err(
        error instanceof ValidationFailedError
          ? error.message
          : `${action.id} failed: ${error?.message ?? String(error)}`,
      );
      return 1;
    }
  }
  return 0;
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (error: any) {
    if (error.code === 'ENOENT') {
      return true;
    }
    throw error;
  }
}

export async function render(
  options: { values: string; out: string; force: boolean },
  env: CliEnvironment,
): Promise<number> {
  const values = await readValuesFile(options.values);
  if (!values.ok) {
    env.output.err(`Invalid values in ${options.values}; nothing was written:`);
    values.problems.forEach(problem => env.output.err(`  - ${problem}`));
    return 1;
  }
  const out = path.resolve(options.out);
  if (!(await isEmptyOrMissing(out))) {
    if (!options.force) {
      env.output.err(
        `${
          options.out
        } is not empty; nothing was written. Use --force to replace ${RENDERED_FOLDERS.join(
          ', ',
        )} in it.`,
      );
      return 1;
    }
    // Stale files of an earlier render (a disabled component's manifests) would survive otherwise.
    await Promise.all(
      RENDERED_FOLDERS.map(folder =>
        fs.rm(path.join(out, folder), { recursive: true, force: true }),
      ),
    );
  }
  await fs.mkdir(out, { recursive: true });
  const steps = renderPipeline().map(action => ({
    action,
    input:
      action.id === 'evolution-todo:validate'
        ? {}
        : { parameters: values.parameters },
  }));
  const status = await runSteps(steps, out, env);
  if (status === 0) {
    env.output.out(`Rendered into ${options.out}`);
  }
  return status;
}

export async function validate(
  options: { dir: string },
  env: CliEnvironment,
): Promise<number> {
  const dir = path.resolve(options.dir);
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    env.output.err(`${options.dir} is not a folder`);
    return 1;
  }
  return runSteps([{ action: createValidateAction(), input: {} }], dir, env);
}
