import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  deploymentParametersSchema,
  ENTITY_ANNOTATIONS,
  parseDeploymentParameters,
  type DeploymentSpec,
} from '@evolution-todo/plugin-evolution-todo-common';
import { createEvolutionTodoActions } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readTemplate } from '../testUtils/templateForm';
import { TEMPLATE_FILE, TEMPLATE_REF } from '../testUtils/paths';

/** The files of a repository: path → content. */
export type FileTree = Map<string, Buffer>;

/** Files every generated repository has, whatever the form says (issue 4, "Deliver"). */
export const ALWAYS_PRESENT = [
  'catalog-info.yaml',
  'README.md',
  'mkdocs.yml',
  'docs/index.md',
  '.github/workflows/ci.yaml',
  'scripts/build-images.sh',
  'scripts/deploy.sh',
  'scripts/rollback.sh',
  'scripts/switch-color.sh',
  'frontend/package.json',
  'frontend/app/api/health/route.ts',
  'backend/app/main.py',
  'backend/app/health.py',
  'backend/app/metrics.py',
  'mcp/todo_mcp/server.py',
  'helm/evolution-todo/Chart.yaml',
  'helm/evolution-todo/values.yaml',
  'helm/evolution-todo/values-prod.yaml',
  'helm/evolution-todo/values.schema.json',
  'helm/evolution-todo/templates/_helpers.tpl',
  'helm/evolution-todo/templates/NOTES.txt',
  'docker/frontend/Dockerfile',
  'docker/frontend/Dockerfile.dockerignore',
  'docker/backend/Dockerfile',
  'docker/backend/Dockerfile.dockerignore',
  'docker/mcp/Dockerfile',
  'docker/mcp/Dockerfile.dockerignore',
  '.evolution-todo/validation-report.md',
];

/**
 * The deployment parameters in a form submission: the form's keys are the
 * parameter schema's keys (template.yaml says so), the rest (destination,
 * deployNow, repoUrl) are for other steps.
 */
export function deploymentParameters(values: JsonObject): JsonObject {
  const keys = Object.keys(deploymentParametersSchema.shape);
  return Object.fromEntries(
    Object.entries(values).filter(([key]) => keys.includes(key)),
  );
}

export function specOf(values: JsonObject): DeploymentSpec {
  return parseDeploymentParameters(deploymentParameters(values));
}

export function readTree(dir: string): FileTree {
  const tree: FileTree = new Map();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), {
      withFileTypes: true,
    })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(child);
      } else {
        tree.set(child, fs.readFileSync(path.join(dir, child)));
      }
    }
  };
  walk('');
  return tree;
}

export function treeFromDirectoryContents(
  contents: Array<{ path: string; base64Content: string }>,
): FileTree {
  return new Map(
    contents.map(f => [f.path, Buffer.from(f.base64Content, 'base64')]),
  );
}

const noReader: UrlReaderService = {
  async readUrl() {
    throw new Error('the skeleton is read from disk');
  },
  async readTree() {
    throw new Error('the skeleton is read from disk');
  },
  async search() {
    throw new Error('the skeleton is read from disk');
  },
};

/** A task's folders: the workspace, and a scratch folder for the steps' temporary directories. */
interface TaskDirs {
  workspace: string;
  scratch: string;
}

function createTaskDirs(prefix: string): TaskDirs & { remove(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dirs = {
    workspace: path.join(root, 'workspace'),
    scratch: path.join(root, 'scratch'),
  };
  fs.mkdirSync(dirs.workspace);
  fs.mkdirSync(dirs.scratch);
  return {
    ...dirs,
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Runs one action as the scaffolder would, in a workspace; returns its outputs (also filled when it throws). */
async function runAction(
  action: TemplateAction<any, any, any>,
  dirs: TaskDirs,
  input: JsonObject,
  outputs: Record<string, any> = {},
): Promise<Record<string, any>> {
  const workspacePath = dirs.workspace;
  await action.handler({
    ...createMockActionContext({
      workspacePath,
      input,
      templateInfo: {
        entityRef: TEMPLATE_REF,
        baseUrl: pathToFileURL(TEMPLATE_FILE).href,
      },
    }),
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    createTemporaryDirectory: async () =>
      fs.mkdtempSync(path.join(dirs.scratch, 'step-')),
  });
  return outputs;
}

function moduleActions() {
  return new Map<string, TemplateAction<any, any, any>>(
    [
      ...createEvolutionTodoActions({
        config: new ConfigReader({}),
        catalog: catalogServiceMock(),
      }),
      createFetchTemplateAction({
        reader: noReader,
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      }),
    ].map(action => [action.id, action]),
  );
}

/**
 * The validation gate (evolution-todo:validate, what `scripts/evolution-todo validate`
 * runs) on a copy of a repository; its summary, and the error it fails with, if any.
 */
export async function validateRepository(dir: string) {
  const dirs = createTaskDirs('golden-path-validate-');
  try {
    fs.cpSync(dir, dirs.workspace, {
      recursive: true,
      filter: source => path.basename(source) !== '.git',
    });
    const outputs: Record<string, any> = {};
    let failure: string | undefined;
    try {
      await runAction(
        moduleActions().get('evolution-todo:validate')!,
        dirs,
        {},
        outputs,
      );
    } catch (error) {
      failure = String(error);
    }
    return {
      summary: outputs.summary as {
        errors: number;
        warnings: number;
        objects: number;
        dockerfiles: number;
      },
      failure,
    };
  } finally {
    dirs.remove();
  }
}

/**
 * The repository the template must produce for a form submission, made
 * without the task engine and without the template's expressions: the
 * module's actions run one by one on the form's deployment parameters, and
 * fetch:template renders the skeleton with the values the first action
 * derives from them. A task whose workspace equals it has passed the form's
 * values through the template exactly as the common schema reads them.
 */
export async function expectedRepository(
  values: JsonObject,
): Promise<FileTree> {
  const parameters = deploymentParameters(values);
  const actions = moduleActions();
  const action = (id: string) => {
    const found = actions.get(id);
    if (!found) throw new Error(`no action ${id}`);
    return found;
  };
  // How the template calls fetch:template (url, copyWithoutTemplating); the values come from
  // the resolve action below, not from the template's expressions.
  const template = readTemplate();
  const skeletonStep = template.spec.steps.find(
    step => step.action === 'fetch:template',
  );
  if (!skeletonStep) throw new Error('the template has no fetch:template step');
  // The version the repository records: the template's annotation, as its resolve step passes it.
  const templateVersion = (
    template.metadata.annotations as Record<string, string> | undefined
  )?.[ENTITY_ANNOTATIONS.templateVersion];

  const dirs = createTaskDirs('golden-path-expected-');
  try {
    const resolved = await runAction(
      action('evolution-todo:resolve-parameters'),
      dirs,
      { parameters, ...(templateVersion ? { templateVersion } : {}) },
    );
    await runAction(action('fetch:template'), dirs, {
      ...(skeletonStep.input as JsonObject),
      values: resolved.skeletonValues,
    });
    for (const id of [
      'evolution-todo:render:chart',
      'evolution-todo:render:manifests',
      'evolution-todo:render:docker',
    ]) {
      await runAction(action(id), dirs, { parameters });
    }
    await runAction(action('evolution-todo:validate'), dirs, {});
    return readTree(dirs.workspace);
  } finally {
    dirs.remove();
  }
}

/** Paths whose content differs between two trees, and paths only one of them has. */
export function compareTrees(actual: FileTree, expected: FileTree) {
  return {
    missing: [...expected.keys()].filter(p => !actual.has(p)).sort(),
    unexpected: [...actual.keys()].filter(p => !expected.has(p)).sort(),
    different: [...expected.keys()]
      .filter(p => actual.has(p) && !actual.get(p)!.equals(expected.get(p)!))
      .sort(),
  };
}
