import fs from 'node:fs/promises';
import path from 'node:path';
import { formatRecord } from '../record';
import type { RenderTemplate } from '../upgradeRepository';

/**
 * A small stand-in for the template, so these tests are about the merge: a
 * values file made from the parameters, a README, an executable script and
 * the record. `changes` is what a newer template version renders differently.
 */
export function smallTemplate(
  version: string,
  changes: { readmeFooter?: string; valuesComment?: string } = {},
): RenderTemplate {
  return async (parameters, out) => {
    const files: Record<string, string> = {
      'values.yaml': [
        `# ${changes.valuesComment ?? 'Values of the release'}`,
        `name: ${parameters.name}`,
        `frontend:`,
        `  replicas: ${parameters.frontend.replicas}`,
        `backend:`,
        `  replicas: ${parameters.backend.replicas}`,
        `mcp:`,
        `  replicas: ${parameters.mcp.replicas}`,
        '',
      ].join('\n'),
      'README.md': [
        `# ${parameters.name}`,
        '',
        'The evolution-todo stack.',
        '',
        '## Deploy',
        '',
        'Run scripts/deploy.sh.',
        '',
        `${changes.readmeFooter ?? 'Made with the evolution-todo template.'}`,
        '',
      ].join('\n'),
    };
    const record = formatRecord({ templateVersion: version, parameters });
    files[record.path] = record.content;
    for (const [file, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(out, file)), { recursive: true });
      await fs.writeFile(path.join(out, file), content);
    }
    await fs.mkdir(path.join(out, 'scripts'), { recursive: true });
    await fs.writeFile(
      path.join(out, 'scripts/deploy.sh'),
      '#!/bin/sh\necho deploy\n',
      {
        mode: 0o755,
      },
    );
  };
}
