import fs from 'node:fs/promises';
import path from 'node:path';
import { formatRecord } from '../upgrade/record';
import { createRenderedRepository } from './repositories';

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
  await createRenderedRepository(
    async (parameters, out) => {
      const record = formatRecord({
        templateVersion: options.templateVersion,
        parameters,
      });
      await fs.mkdir(path.join(out, path.dirname(record.path)), {
        recursive: true,
      });
      await fs.writeFile(path.join(out, record.path), record.content);
      await fs.writeFile(path.join(out, 'README.md'), `# ${parameters.name}\n`);
    },
    options.parameters,
    options.repoDir,
  );
}
