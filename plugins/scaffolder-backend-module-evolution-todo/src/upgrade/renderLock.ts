import { readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compareTemplateVersions } from '@evolution-todo/plugin-evolution-todo-common';
import YAML from 'yaml';
import { PINNED_GIT_CONFIG, runGit } from './git';

/**
 * The render lock: what each example values file renders at the current
 * template version, as the git tree id of the render. Generated repositories
 * record only the version, so an upgrade can only bring in a change whose
 * version differs from the one a repository recorded: a render that changes
 * while the version stays the same would never reach the repositories made
 * before it. The lock lets a test catch exactly that (checkRenderLock).
 *
 * A git tree id because it is what the template branch of a repository made
 * from that example holds (`git rev-parse evolution-todo/template^{tree}`),
 * with git's own rules for modes, links and ignored files.
 */
export const RENDER_LOCK_FILE_NAME = 'render-lock.yaml';

/** Where the values files whose renders the lock holds live, from the workspace root. */
export const RENDER_LOCK_EXAMPLES_DIR = 'examples/values';

/**
 * The lock's examples: every `*.yaml` in examples/values, named as the lock
 * names them (relative to the workspace root), sorted. The lock script and
 * the test that checks the lock both take them from here, so they cannot
 * disagree about which renders the lock holds.
 */
export function renderLockExamples(workspaceRoot: string): string[] {
  // Synchronous: a test names its cases with it (describe.each) when the file loads.
  return readdirSync(path.join(workspaceRoot, RENDER_LOCK_EXAMPLES_DIR))
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file => `${RENDER_LOCK_EXAMPLES_DIR}/${file}`);
}

export interface RenderLock {
  /** The template version the renders below belong to. */
  templateVersion: string;
  /** Example values file (relative to the workspace root) → git tree id of its render. */
  renders: Record<string, string>;
}

const LOCK_HEADER = `# What each example renders at this template version: the git tree id of the render, as the
# evolution-todo/template branch of a repository made from it holds it. A test fails when a render
# changes and the template version in template.yaml does not; bump that version (upgrades find the
# change by it), then run \`./scripts/run yarn template:lock\` to write this file again.
`;

export async function readRenderLock(file: string): Promise<RenderLock> {
  const lock = YAML.parse(await fs.readFile(file, 'utf8'));
  if (
    typeof lock?.templateVersion !== 'string' ||
    typeof lock?.renders !== 'object' ||
    lock.renders === null
  ) {
    throw new Error(
      `${file}: expected templateVersion (a string) and renders (a mapping)`,
    );
  }
  return lock as RenderLock;
}

export async function writeRenderLock(
  file: string,
  lock: RenderLock,
): Promise<void> {
  const renders = Object.fromEntries(
    Object.entries(lock.renders).sort(([a], [b]) => a.localeCompare(b)),
  );
  await fs.writeFile(
    file,
    LOCK_HEADER +
      YAML.stringify({ templateVersion: lock.templateVersion, renders }),
  );
}

/**
 * The git tree id of a folder's files, as `git add -A` followed by `git
 * write-tree` in a repository of that folder makes it: ignored files left out
 * by the folder's own .gitignore, and the settings that would make the id
 * depend on the machine pinned (PINNED_GIT_CONFIG).
 */
export async function renderTreeId(dir: string): Promise<string> {
  const gitDir = await fs.mkdtemp(path.join(os.tmpdir(), 'render-tree-'));
  const git = (args: string[]) =>
    runGit(
      [
        `--git-dir=${gitDir}`,
        `--work-tree=${dir}`,
        ...PINNED_GIT_CONFIG,
        ...args,
      ],
      {
        cwd: dir,
      },
    );
  try {
    await git(['init', '--quiet']);
    await git(['add', '--all']);
    return (await git(['write-tree'])).stdout.trim();
  } finally {
    await fs.rm(gitDir, { recursive: true, force: true });
  }
}

/** Something wrong between the lock and today's renders. */
export interface RenderLockProblem {
  message: string;
  /**
   * True when writing the lock again is the whole fix (a bumped version, an
   * example added or removed); false when the template itself must change.
   */
  fixedByWritingLock: boolean;
}

/**
 * What is wrong between the lock and today's renders (empty when nothing):
 * a render that changed under the same version or a version that went back
 * (the template must change), or a lock that names another version or other
 * examples than are rendered (it only needs writing again).
 */
export function checkRenderLock(options: {
  lock: RenderLock;
  templateVersion: string;
  renders: Record<string, string>;
  templateFile: string;
}): RenderLockProblem[] {
  const { lock, templateVersion, renders, templateFile } = options;
  const rewrite = 'run `./scripts/run yarn template:lock`';
  if (templateVersion === lock.templateVersion) {
    const changed = Object.keys(renders).filter(
      example =>
        example in lock.renders && lock.renders[example] !== renders[example],
    );
    const problems: RenderLockProblem[] = changed.map(example => ({
      message: `${example} renders differently from what template version ${templateVersion} rendered: bump the template version in ${templateFile} (repositories made with ${templateVersion} would never get this change), then ${rewrite}`,
      fixedByWritingLock: false,
    }));
    const added = Object.keys(renders).filter(e => !(e in lock.renders));
    const removed = Object.keys(lock.renders).filter(e => !(e in renders));
    if (added.length || removed.length) {
      problems.push({
        message: `the lock's examples differ from ${RENDER_LOCK_EXAMPLES_DIR} (${[
          ...added.map(e => `new: ${e}`),
          ...removed.map(e => `gone: ${e}`),
        ].join(', ')}): ${rewrite}`,
        fixedByWritingLock: true,
      });
    }
    return problems;
  }
  if (compareTemplateVersions(templateVersion, lock.templateVersion) < 0) {
    return [
      {
        message: `the template version went back from ${lock.templateVersion} to ${templateVersion} in ${templateFile}: versions only grow, or upgrades would take the older render for the newer`,
        fixedByWritingLock: false,
      },
    ];
  }
  return [
    {
      message: `the template version is ${templateVersion} but the lock holds the renders of ${lock.templateVersion}: ${rewrite}`,
      fixedByWritingLock: true,
    },
  ];
}
