import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ParameterIssue } from '@evolution-todo/plugin-evolution-todo-common';
import path from 'node:path';

/*
 * Input checks every action that reads or writes a workspace folder shares:
 * targetPath stays inside the workspace, bad input is one InputError listing
 * every problem, and outputs name paths relative to the workspace.
 */

/**
 * Resolves a workspace-relative input path (targetPath, unless `field` names
 * another input) inside the workspace, or explains why not.
 */
export function resolveTarget(
  workspacePath: string,
  targetPath: string | undefined,
  field = 'targetPath',
): { dir: string } | { issue: ParameterIssue } {
  try {
    return { dir: resolveSafeChildPath(workspacePath, targetPath ?? '.') };
  } catch {
    return {
      issue: {
        field,
        message: `must be a relative path inside the workspace (got ${JSON.stringify(
          targetPath,
        )})`,
      },
    };
  }
}

/** resolveTarget for an action with one path input: its issue becomes the InputError. */
export function resolveWorkspacePath(
  workspacePath: string,
  value: string | undefined,
  field: string,
): string {
  const resolved = resolveTarget(workspacePath, value, field);
  if ('issue' in resolved) {
    throw new InputError(`${field}: ${resolved.issue.message}`);
  }
  return resolved.dir;
}

export function inputError(
  actionId: string,
  issues: ParameterIssue[],
): InputError {
  return new InputError(
    `${actionId}: invalid input, nothing was written:\n${issues
      .map(i => `  - ${i.field}: ${i.message}`)
      .join('\n')}`,
  );
}

/** A path inside the workspace as outputs show it: relative, POSIX separators, "." for the root. */
export function workspaceRelative(
  workspacePath: string,
  absolute: string,
): string {
  return (
    path.relative(workspacePath, absolute).split(path.sep).join('/') || '.'
  );
}
