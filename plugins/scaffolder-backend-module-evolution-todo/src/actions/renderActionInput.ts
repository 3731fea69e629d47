import {
  safeParseDeploymentParameters,
  type DeploymentSpec,
} from '@evolution-todo/plugin-evolution-todo-common';
import path from 'node:path';
import type { z as zod } from 'zod/v3';
import {
  underFolder,
  writeRenderedFiles,
  type RenderedFile,
} from '../render/files';
import { inputError, resolveTarget, workspaceRelative } from './actionInput';

/*
 * The input plumbing of the render actions (render:chart, render:manifests,
 * render:docker; resolve-parameters shares the parameters): one schema for
 * `parameters` and `targetPath`, one parse that lists every problem, one way
 * to write what a renderer made into the workspace.
 */

/**
 * Inputs the render actions share. `parameters` is deliberately an open
 * object: the one parameter schema (evolution-todo-common) validates it, so
 * the form, the CLI's values file and the actions accept exactly the same keys.
 */
export const renderInputSchema = {
  parameters: (z: typeof zod) =>
    z
      .record(z.unknown())
      .describe(
        "The template's parameters (name, namespace, ingress, frontend, backend, mcp, postgres, redis, monitoring, logging, rollout...), validated by the evolution-todo parameter schema.",
      ),
  targetPath: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        'Folder inside the workspace to render into. Defaults to the workspace root.',
      ),
};

/** The output every render action has: what it wrote. */
export const writtenFilesOutput = {
  files: (z: typeof zod) =>
    z.array(z.string()).describe('Written files, relative to the workspace'),
};

/**
 * Parses parameters and targetPath together, so one error lists every problem.
 * Throws an InputError before anything is written.
 */
export function parseRenderInput(
  actionId: string,
  workspacePath: string,
  input: { parameters: unknown; targetPath?: string },
): { spec: DeploymentSpec; targetDir: string } {
  const parsed = safeParseDeploymentParameters(input.parameters);
  const target = resolveTarget(workspacePath, input.targetPath);
  const issues = [
    ...('issue' in target ? [target.issue] : []),
    ...(parsed.success ? [] : parsed.issues),
  ];
  if (!parsed.success || 'issue' in target) {
    throw inputError(actionId, issues);
  }
  return { spec: parsed.spec, targetDir: target.dir };
}

/** Writes files under targetDir and returns their paths relative to the workspace. */
export async function writeToWorkspace(
  workspacePath: string,
  targetDir: string,
  files: RenderedFile[],
): Promise<string[]> {
  const written = await writeRenderedFiles(targetDir, files);
  // A fresh array literal: arrays derived from fs results may belong to another
  // realm under jest's VM context, and the scaffolder's template sandbox
  // refuses arrays whose prototype is not its own Array.prototype.
  return [...written.map(file => workspaceRelative(workspacePath, file))];
}

/**
 * What every render action does: parses its input (an InputError before
 * anything is written), writes what `render` makes of the spec under
 * `<targetPath>/<folder>`, and tells where, relative to the workspace.
 */
export async function renderToWorkspace(
  actionId: string,
  ctx: {
    workspacePath: string;
    input: { parameters: unknown; targetPath?: string };
  },
  folder: string,
  render: (spec: DeploymentSpec) => RenderedFile[],
): Promise<{ spec: DeploymentSpec; files: string[]; folderPath: string }> {
  const { spec, targetDir } = parseRenderInput(
    actionId,
    ctx.workspacePath,
    ctx.input,
  );
  const files = await writeToWorkspace(
    ctx.workspacePath,
    targetDir,
    underFolder(folder, render(spec)),
  );
  const folderPath = workspaceRelative(
    ctx.workspacePath,
    path.join(targetDir, folder),
  );
  return { spec, files, folderPath };
}

/** A one-line description of a spec for logs: what was chosen, never a secret. */
export function describeSpec(spec: DeploymentSpec): string {
  const scaled = (['frontend', 'backend', 'mcp'] as const)
    .map(c =>
      spec[c].autoscaling.enabled
        ? `${c} ${spec[c].autoscaling.minReplicas}-${spec[c].autoscaling.maxReplicas} (HPA)`
        : `${c} ${spec[c].replicas}`,
    )
    .join(', ');
  return [
    `release ${spec.name} in namespace ${spec.namespace}`,
    `ingress ${
      spec.ingress.enabled
        ? `${spec.ingress.provider} ${spec.ingress.host}${
            spec.ingress.tls ? ' (TLS)' : ''
          }`
        : 'off'
    }`,
    `rollout ${spec.rollout.strategy}`,
    scaled,
    `redis ${spec.redis.enabled ? 'on' : 'off'}`,
    `monitoring ${spec.monitoring.enabled ? 'on' : 'off'}`,
    `logging ${spec.logging.stack}`,
  ].join('; ');
}
