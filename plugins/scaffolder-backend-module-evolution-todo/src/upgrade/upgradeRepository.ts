import { InputError } from '@backstage/errors';
import type { ParsedDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { GitIdentity } from './git';
import { mergeRender, type UpgradeResult } from './merge';
import { upgradeParameters } from './parameters';
import { readRecordedRepository } from './repository';

/**
 * Renders the current template for parameters into an empty folder, as the
 * template's steps do (the CLI runs them headless; a test may point them at
 * a changed copy of the template).
 */
export type RenderTemplate = (
  parameters: ParsedDeploymentParameters,
  outDir: string,
) => Promise<void>;

export interface UpgradeRepositoryOptions {
  repoDir: string;
  render: RenderTemplate;
  /** Parameter changes merged onto the record (mappings key by key). */
  changes?: Record<string, unknown>;
  identity: GitIdentity;
  dryRun?: boolean;
}

/**
 * A whole upgrade: reads the record of the repository's current branch,
 * applies the changes, renders the current template into a scratch folder and
 * merges the render (see mergeRender). Bad changes are an InputError naming
 * every field, before anything renders.
 */
export async function upgradeRepository(
  options: UpgradeRepositoryOptions,
): Promise<UpgradeResult> {
  const repository = await readRecordedRepository(options.repoDir);
  const resolved = upgradeParameters(
    repository.record.parameters,
    options.changes,
  );
  if (!resolved.ok) {
    throw new InputError(
      `invalid parameter changes, nothing was changed:\n${resolved.issues
        .map(issue => `  - ${issue.field}: ${issue.message}`)
        .join('\n')}`,
    );
  }
  const scratch = await fs.mkdtemp(
    path.join(os.tmpdir(), 'evolution-todo-upgrade-'),
  );
  try {
    const renderDir = path.join(scratch, 'render');
    await fs.mkdir(renderDir);
    await options.render(resolved.parameters, renderDir);
    return await mergeRender({
      repository,
      renderDir,
      identity: options.identity,
      dryRun: options.dryRun,
      scratchDir: scratch,
    });
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
