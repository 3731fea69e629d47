/*
 * Writes templates/evolution-todo/render-lock.yaml: the git tree id of what
 * each examples/values file renders at the template version in template.yaml.
 *
 *   ./scripts/run yarn template:lock
 *
 * Run it after bumping the template version. It refuses (exit 1, nothing
 * written) when a render changed but the version did not: repositories record
 * only the version, so such a change would never reach them by an upgrade.
 * The CLI's example test checks the same rule on every run of the suite.
 */
import {
  checkRenderLock,
  readRenderLock,
  readTemplateVersion,
  RENDER_LOCK_FILE_NAME,
  renderLockExamples,
  renderTreeId,
  writeRenderLock,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'scripts/evolution-todo');
const TEMPLATE_DIR = path.join(ROOT, 'templates/evolution-todo');
const TEMPLATE_FILE = path.join(TEMPLATE_DIR, 'template.yaml');
const LOCK_FILE = path.join(TEMPLATE_DIR, RENDER_LOCK_FILE_NAME);

async function main() {
  const templateVersion = await readTemplateVersion(TEMPLATE_FILE);
  const examples = renderLockExamples(ROOT);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'template-lock-'));
  const renders: Record<string, string> = {};
  try {
    for (const example of examples) {
      const out = path.join(scratch, path.basename(example, '.yaml'));
      await run(CLI, ['render', '--values', example, '--out', out], {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      });
      renders[example] = await renderTreeId(out);
      console.log(`${renders[example]}  ${example}`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  if (fs.existsSync(LOCK_FILE)) {
    const lock = await readRenderLock(LOCK_FILE);
    const refusals = checkRenderLock({
      lock,
      templateVersion,
      renders,
      templateFile: path.relative(ROOT, TEMPLATE_FILE),
    }).filter(problem => !problem.fixedByWritingLock);
    if (refusals.length > 0) {
      console.error(refusals.map(problem => problem.message).join('\n'));
      console.error(`${path.relative(ROOT, LOCK_FILE)} left as it was`);
      process.exit(1);
    }
  }
  await writeRenderLock(LOCK_FILE, { templateVersion, renders });
  console.log(
    `${path.relative(ROOT, LOCK_FILE)}: ${
      examples.length
    } renders of template version ${templateVersion}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
