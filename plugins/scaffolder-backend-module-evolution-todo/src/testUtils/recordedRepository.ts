import { safeParseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_LOCAL_AUTHOR,
  INITIAL_COMMIT_MESSAGE,
  LOCAL_DEFAULT_BRANCH,
} from '../publish/localDestination';
import { createLocalRepository } from '../publish/localRepository';
import { TEMPLATE_BRANCH } from '../upgrade/branches';
import { formatRecord } from '../upgrade/record';

/**
 * A real git repository as the local destination creates it, with the
 * record a render leaves (.evolution-todo/parameters.yaml: templateVersion
 * and the parameters resolved with their defaults) and a README, on its
 * default branch and on the template branch. repoDir must not exist yet.
 * Throws when the parameters are invalid.
 */
export async function createRecordedRepository(options: {
  repoDir: string;
  parameters: Record<string, unknown>;
  templateVersion: string;
}): Promise<void> {
  const parsed = safeParseDeploymentParameters(options.parameters);
  if (!parsed.success) {
    throw new Error(
      `createRecordedRepository: invalid parameters: ${JSON.stringify(
        parsed.issues,
      )}`,
    );
  }
  const record = formatRecord({
    templateVersion: options.templateVersion,
    parameters: parsed.parameters,
  });
  const sourceDir = `${options.repoDir}.render`;
  try {
    await fs.mkdir(path.join(sourceDir, path.dirname(record.path)), {
      recursive: true,
    });
    await fs.writeFile(path.join(sourceDir, record.path), record.content);
    await fs.writeFile(
      path.join(sourceDir, 'README.md'),
      `# ${parsed.parameters.name}\n`,
    );
    await createLocalRepository({
      sourceDir,
      repoDir: options.repoDir,
      defaultBranch: LOCAL_DEFAULT_BRANCH,
      message: INITIAL_COMMIT_MESSAGE,
      author: DEFAULT_LOCAL_AUTHOR,
      templateBranch: TEMPLATE_BRANCH,
    });
  } finally {
    await fs.rm(sourceDir, { recursive: true, force: true });
  }
}
