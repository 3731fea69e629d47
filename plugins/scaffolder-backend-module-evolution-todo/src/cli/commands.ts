import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createResolveParametersAction } from '../actions/resolveParameters';
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
import { templateFile } from '../skeleton/values';
import { createCliActionContext } from './actionContext';
import { createLocalFetchTemplateAction } from './fetchTemplate';
import { withoutInfo, type Output } from './logger';
import { createStepInputRenderer, type StepContext } from './stepInput';
import { readTemplateSteps, type TemplateStep } from './templateSteps';
import { readValuesFile } from './values';

type AnyAction = TemplateAction<any, any, any>;

/**
 * The render and validate actions, in the template's order: what the render
 * bench times (scripts/bench/render.ts). `render` runs the template's own steps.
 */
export function renderPipeline(): AnyAction[] {
  return [
    createRenderChartAction(),
    createRenderManifestsAction(),
    createRenderDockerAction(),
    createValidateAction(),
  ];
}

/**
 * Every action a template step may use in the CLI: ours, and the scaffolder's
 * own fetch:template for the skeleton.
 */
export function cliActions(): Map<string, AnyAction> {
  return new Map(
    [
      createResolveParametersAction(),
      createLocalFetchTemplateAction(),
      ...renderPipeline(),
    ].map(action => [action.id, action]),
  );
}

/**
 * The folders only the render actions write: --force replaces them. Files the
 * skeleton writes are the developer's once the repository exists; fetch:template
 * keeps any that are already there.
 */
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
  /** Every line the steps log, and each step's time (--verbose). */
  verbose?: boolean;
}

/** Our actions log one summary per step; the others (fetch:template) a line per file. */
const summarizes = (action: AnyAction) =>
  action.id.startsWith('evolution-todo:');

/** A step to run: its action, and its input for what the earlier steps output. */
interface CliStep {
  id: string;
  name: string;
  action: AnyAction;
  input: (context: StepContext) => JsonObject;
}

/**
 * Runs the steps one after the other like a scaffolder task: each sees the
 * outputs of the earlier ones (`steps.<id>.output`), and a failing one stops
 * the run with exit status 1.
 */
async function runSteps(
  steps: CliStep[],
  workspacePath: string,
  env: CliEnvironment,
  parameters: JsonObject = {},
): Promise<number> {
  const context: StepContext = { parameters, steps: {} };
  const templateInfo = {
    entityRef: 'template:default/evolution-todo-kubernetes',
    baseUrl: pathToFileURL(templateFile()).href,
  };
  for (const step of steps) {
    env.output.out(`==> ${step.action.id} (${step.name})`);
    const started = performance.now();
    const ctx = createCliActionContext({
      workspacePath,
      input: step.input(context),
      logger:
        env.verbose || summarizes(step.action)
          ? env.logger
          : withoutInfo(env.logger),
      step: { id: step.id, name: step.name },
      templateInfo,
      signal: env.signal,
    });
    try {
      await step.action.handler(ctx);
      context.steps[step.id] = { output: { ...ctx.outputs } };
      if (env.verbose) {
        env.output.out(
          `    ${step.id} took ${Math.round(performance.now() - started)} ms`,
        );
      }
    } catch (error: any) {
      // The validate action has already printed its findings table.
      env.output.err(
        error instanceof ValidationFailedError
          ? error.message
          : `${step.action.id} failed: ${error?.message ?? String(error)}`,
      );
      return 1;
    } finally {
      await ctx.cleanup();
    }
  }
  return 0;
}

/** The template's steps with their actions; a step whose action the CLI lacks is an error before anything runs. */
function withActions(templateSteps: TemplateStep[]): CliStep[] {
  const actions = cliActions();
  const renderInput = createStepInputRenderer();
  return templateSteps.map(step => {
    const action = actions.get(step.action);
    if (!action) {
      throw new Error(
        `template step ${step.id} uses ${
          step.action
        }, which the CLI cannot run (it runs ${[...actions.keys()].join(
          ', ',
        )})`,
      );
    }
    return {
      id: step.id,
      name: step.name,
      action,
      input: (context: StepContext) => renderInput(step.input, context),
    };
  });
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
  // A template the CLI cannot run fails here, before anything is written.
  const steps = withActions(await readTemplateSteps(templateFile()));
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
  const status = await runSteps(steps, out, env, values.parameters);
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
  const action = createValidateAction();
  return runSteps(
    [
      {
        id: 'validate',
        name: 'Validate every object',
        action,
        input: () => ({}),
      },
    ],
    dir,
    env,
  );
}
