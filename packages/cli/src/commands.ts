import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  CHART_FOLDER,
  configuredIdentity,
  createLocalRepository,
  createRenderChartAction,
  createRenderDockerAction,
  createRenderManifestsAction,
  createResolveParametersAction,
  createValidateAction,
  DEFAULT_LOCAL_AUTHOR,
  describeConflict,
  DOCKER_FOLDER,
  INITIAL_COMMIT_MESSAGE,
  LOCAL_DEFAULT_BRANCH,
  MANIFESTS_FOLDER,
  TEMPLATE_BRANCH,
  upgradeRepository,
  ValidationFailedError,
  type RenderTemplate,
  type UpgradeResult,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import { createCliActionContext } from './actionContext';
import { createLocalFetchTemplateAction } from './fetchTemplate';
import { withoutInfo, type Output } from './logger';
import { createStepInputRenderer, type StepContext } from './stepInput';
import { defaultTemplateDir, templateFileIn } from './template';
import { readTemplateSteps, type TemplateStep } from './templateSteps';
import { readValuesFile, readYamlMapping } from './values';

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
  /** The template.yaml the steps come from: fetch:template reads ./skeleton beside it. */
  template?: string,
): Promise<number> {
  const context: StepContext = { parameters, steps: {} };
  const templateInfo = template
    ? {
        entityRef: 'template:default/evolution-todo-kubernetes',
        baseUrl: pathToFileURL(template).href,
      }
    : undefined;
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

/**
 * template.yaml of the --template folder, or of the CLI's own template when
 * none is given; undefined (the reason printed) when the folder has none.
 */
async function templateFileOf(
  templateDir: string | undefined,
  env: CliEnvironment,
): Promise<string | undefined> {
  const file = templateFileIn(templateDir ?? defaultTemplateDir());
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) {
    env.output.err(
      `${templateDir} is not a template folder (no template.yaml); nothing was written.`,
    );
    return undefined;
  }
  return file;
}

/**
 * The steps of a template.yaml with their actions, read once per command: a
 * template the CLI cannot run fails here, before anything is written.
 */
async function loadTemplate(template: string) {
  return {
    file: template,
    steps: withActions(await readTemplateSteps(template)),
  };
}

type LoadedTemplate = Awaited<ReturnType<typeof loadTemplate>>;

/** Runs the template's steps into an existing folder. */
function renderInto(
  out: string,
  parameters: JsonObject,
  env: CliEnvironment,
  template: LoadedTemplate,
): Promise<number> {
  return runSteps(template.steps, out, env, parameters, template.file);
}

/**
 * `render`: the steps of the template in `options.template` (a folder with
 * template.yaml and skeleton/; default: defaultTemplateDir) into `options.out`.
 */
export async function render(
  options: {
    values: string;
    out: string;
    force: boolean;
    git?: boolean;
    template?: string;
  },
  env: CliEnvironment,
): Promise<number> {
  const templateFile = await templateFileOf(options.template, env);
  if (!templateFile) return 1;
  const values = await readValuesFile(options.values);
  if (!values.ok) {
    env.output.err(`Invalid values in ${options.values}; nothing was written:`);
    values.problems.forEach(problem => env.output.err(`  - ${problem}`));
    return 1;
  }
  const template = await loadTemplate(templateFile);
  const out = path.resolve(options.out);
  if (!(await isEmptyOrMissing(out))) {
    if (!options.force || options.git) {
      env.output.err(
        options.git
          ? `${options.out} is not empty; nothing was written. --git creates a new repository in an empty or missing folder.`
          : `${
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
  if (options.git) {
    return renderRepository(out, values.parameters, env, template);
  }
  await fs.mkdir(out, { recursive: true });
  const status = await renderInto(out, values.parameters, env, template);
  if (status === 0) {
    env.output.out(`Rendered into ${options.out}`);
  }
  return status;
}

/**
 * `render --git`: renders into a scratch folder and publishes it at `out` as
 * the portal's local destination does (same first commit, main and the
 * template branch), so `upgrade` works on it as on a portal-made repository.
 */
async function renderRepository(
  out: string,
  parameters: JsonObject,
  env: CliEnvironment,
  template: LoadedTemplate,
): Promise<number> {
  const scratch = await fs.mkdtemp(
    path.join(os.tmpdir(), 'evolution-todo-render-'),
  );
  try {
    const status = await renderInto(scratch, parameters, env, template);
    if (status !== 0) return status;
    // createLocalRepository renames its staging folder to `out`, which must not exist.
    await fs.rm(out, { recursive: true, force: true });
    const { commitHash } = await createLocalRepository({
      sourceDir: scratch,
      repoDir: out,
      defaultBranch: LOCAL_DEFAULT_BRANCH,
      message: INITIAL_COMMIT_MESSAGE,
      author: DEFAULT_LOCAL_AUTHOR,
      templateBranch: TEMPLATE_BRANCH,
    });
    env.output.out(
      `Rendered into ${out}: a git repository, ${LOCAL_DEFAULT_BRANCH} and ${TEMPLATE_BRANCH} at ${commitHash.slice(
        0,
        12,
      )}`,
    );
    return 0;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** Exit status of an upgrade that merged with conflicts (marked, committed and listed). */
export const UPGRADE_CONFLICTS_STATUS = 3;

/** The render step failed; runSteps has printed why. */
class RenderFailed extends Error {}

function reportUpgrade(
  result: UpgradeResult,
  repo: string,
  env: CliEnvironment,
): number {
  if (result.status === 'up-to-date') {
    env.output.out(
      `Nothing to upgrade: ${result.reason}. No branch was created or changed.`,
    );
    return 0;
  }
  const change =
    result.fromVersion === result.toVersion
      ? `template ${result.toVersion} re-rendered with the changed parameters`
      : `template ${result.fromVersion} → ${result.toVersion}`;
  const where = result.pushed
    ? `on branch ${result.upgradeBranch} (off ${result.baseBranch}, which did not change)`
    : `(dry run: merged in a scratch clone, no branch was created)`;
  env.output.out(`Upgraded ${repo}: ${change}, ${where}.`);
  env.output.out(result.diffStat.trimEnd());
  if (result.status === 'conflicts') {
    env.output.out(
      `${result.conflicts.length} conflicting file(s): the template and ${result.baseBranch} changed the same lines. The hunks are marked (<<<<<<< ${result.baseBranch} … ||||||| old render … ======= … >>>>>>> template) and committed on ${result.upgradeBranch}:`,
    );
    result.conflicts.forEach(conflict =>
      env.output.out(`  ${describeConflict(conflict)}`),
    );
    if (result.pushed) {
      env.output.out(
        `Resolve them on ${result.upgradeBranch}, commit, then merge it into ${result.baseBranch}.`,
      );
    }
    return UPGRADE_CONFLICTS_STATUS;
  }
  if (result.pushed) {
    env.output.out(
      `Merged cleanly. Review ${result.upgradeBranch} and merge it into ${result.baseBranch}.`,
    );
  }
  return 0;
}

/**
 * `upgrade`: the record of the repository's branch, changed by the values
 * file, rendered by the template in `options.template` (default:
 * defaultTemplateDir), merged by the upgrade library into
 * evolution-todo/upgrade-<version>.
 */
export async function upgrade(
  options: {
    repo: string;
    values?: string;
    dryRun: boolean;
    template?: string;
  },
  env: CliEnvironment,
): Promise<number> {
  const templateFile = await templateFileOf(options.template, env);
  if (!templateFile) return 1;
  const template = await loadTemplate(templateFile);
  let changes: JsonObject = {};
  if (options.values) {
    const read = await readYamlMapping(options.values);
    if (!read.ok) {
      env.output.err(
        `Invalid parameter changes in ${options.values}; nothing was changed:`,
      );
      read.problems.forEach(problem => env.output.err(`  - ${problem}`));
      return 1;
    }
    changes = read.mapping;
  }
  const repoDir = path.resolve(options.repo);
  const renderTemplate: RenderTemplate = async (parameters, outDir) => {
    if (
      (await renderInto(outDir, parameters as JsonObject, env, template)) !== 0
    ) {
      throw new RenderFailed();
    }
  };
  try {
    const result = await upgradeRepository({
      repoDir,
      render: renderTemplate,
      changes,
      identity: await configuredIdentity(repoDir, DEFAULT_LOCAL_AUTHOR),
      dryRun: options.dryRun,
    });
    return reportUpgrade(result, options.repo, env);
  } catch (error) {
    if (error instanceof RenderFailed) return 1;
    if (
      isError(error) &&
      ['InputError', 'ConflictError'].includes(error.name)
    ) {
      env.output.err(error.message);
      return 1;
    }
    throw error;
  }
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
