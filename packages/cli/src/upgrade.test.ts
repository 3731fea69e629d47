import fs from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import {
  commitTeamEdit,
  refsOf,
  scratchFolder,
  showFile,
  statusOf,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils';
import {
  RECORD_PATH,
  runGit,
  TEMPLATE_BRANCH,
  upgradeBranch,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import {
  changedTemplate,
  nextTemplateVersion,
} from './__testUtils__/changedTemplate';
import { render, upgrade, UPGRADE_CONFLICTS_STATUS } from './commands';
import { createCliLogger, type Output } from './logger';
import { runCli } from './__testUtils__/runCli';

/**
 * Acceptance of template upgrades on real git repositories made by
 * `render --git`, with the real template's steps: "the template changed" is a
 * copy of templates/evolution-todo with a skeleton edit and the next version.
 */
jest.setTimeout(180_000);

const QUICK_START_LINE =
  /^Then open <http:\/\/\$\{\{ values\.ingressHost \}\}>\. On a laptop, start with$/m;
const QUICK_START_NEW =
  'Then open <http://${{ values.ingressHost }}> in a browser. On a laptop, start with';

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  const output: Output = {
    out: line => lines.push(line),
    err: line => errors.push(line),
  };
  return {
    env: {
      output,
      logger: createCliLogger({ out: () => {}, err: output.err }),
    },
    lines,
    errors,
  };
}

let scratch: Awaited<ReturnType<typeof scratchFolder>>;
/** A fresh `render --git` repository of `name: todo`, made once and copied for each test. */
let pristine: string;
let repo: string;
let nextVersion: string;
let newTemplate: string;

beforeAll(async () => {
  scratch = await scratchFolder('evolution-todo-upgrade-cli-');
  const values = path.join(scratch.dir, 'values.yaml');
  await fs.writeFile(values, 'name: todo\n');
  pristine = path.join(scratch.dir, 'pristine');
  const { env, errors } = capture();
  const status = await render(
    { values, out: pristine, force: false, git: true },
    env,
  );
  if (status !== 0) {
    throw new Error(`render --git failed (${status}): ${errors.join('\n')}`);
  }
  nextVersion = await nextTemplateVersion();
  newTemplate = await changedTemplate(
    path.join(scratch.dir, 'template-next'),
    nextVersion,
    {
      'README.md': readme => readme.replace(QUICK_START_LINE, QUICK_START_NEW),
    },
  );
});
afterAll(() => scratch?.remove());

beforeEach(async () => {
  repo = path.join(scratch.dir, `repo-${Date.now()}`);
  await fs.cp(pristine, repo, { recursive: true });
});

const writeChanges = async (changes: object) => {
  const file = path.join(scratch.dir, 'changes.yaml');
  await fs.writeFile(file, YAML.stringify(changes));
  return file;
};

describe('render --git', () => {
  it('creates the repository as the local destination does: record, main and the template branch at one commit', async () => {
    const refs = await refsOf(pristine);
    expect(Object.keys(refs).sort()).toEqual([TEMPLATE_BRANCH, 'main']);
    expect(refs[TEMPLATE_BRANCH]).toBe(refs.main);
    expect(await statusOf(pristine)).toBe('');
    const record = YAML.parse(await showFile(pristine, 'main', RECORD_PATH));
    expect(record.parameters).toMatchObject({
      name: 'todo',
      backend: { replicas: 3 },
    });
    const system = YAML.parseAllDocuments(
      await showFile(pristine, 'main', 'catalog-info.yaml'),
    )[0].toJS();
    expect(
      system.metadata.annotations['evolution-todo.dev/template-version'],
    ).toBe(record.templateVersion);
  });
});

describe('upgrade', () => {
  it('keeps the team edits in values.yaml and a skeleton file while the template and a parameter change other lines', async () => {
    await commitTeamEdit(repo, async read => ({
      // frontend's podAnnotations: lines apart from backend.replicas, which the parameter change rewrites.
      'helm/evolution-todo/values.yaml': (
        await read('helm/evolution-todo/values.yaml')
      ).replace(
        '  podAnnotations: {}\n',
        '  podAnnotations:\n    team.example.com/on-call: todo-team\n',
      ),
      'README.md': (
        await read('README.md')
      ).replace('## Develop\n', '## Develop\n\nAsk #todo-team first.\n'),
    }));
    const mainBefore = (await refsOf(repo)).main;
    const { env, lines, errors } = capture();

    const status = await upgrade(
      {
        repo,
        values: await writeChanges({ backend: { replicas: 4 } }),
        dryRun: false,
        template: newTemplate,
      },
      env,
    );

    expect(errors).toEqual([]);
    expect(status).toBe(0);
    const branch = upgradeBranch(nextVersion);
    expect(lines).toContain(
      `Merged cleanly. Review ${branch} and merge it into main.`,
    );
    const values = await showFile(
      repo,
      branch,
      'helm/evolution-todo/values.yaml',
    );
    expect(values).toContain(
      '  podAnnotations:\n    team.example.com/on-call: todo-team\n',
    );
    expect(YAML.parse(values).backend.replicas).toBe(4);
    const readme = await showFile(repo, branch, 'README.md');
    expect(readme).toContain('Ask #todo-team first.');
    expect(readme).toContain('> in a browser. On a laptop, start with');
    const record = YAML.parse(await showFile(repo, branch, RECORD_PATH));
    expect(record.templateVersion).toBe(nextVersion);
    expect(record.parameters.backend.replicas).toBe(4);
    expect(await showFile(repo, branch, 'catalog-info.yaml')).toContain(
      `evolution-todo.dev/template-version: "${nextVersion}"`,
    );
    // The checked-out branch, its worktree and index did not change.
    expect((await refsOf(repo)).main).toBe(mainBefore);
    expect(await statusOf(repo)).toBe('');
  });

  it('lands a parameter change with the current template on upgrade-<current version>', async () => {
    const current = YAML.parse(
      await showFile(repo, 'main', RECORD_PATH),
    ).templateVersion;
    const { env } = capture();

    expect(
      await upgrade(
        {
          repo,
          values: await writeChanges({ backend: { replicas: 5 } }),
          dryRun: false,
        },
        env,
      ),
    ).toBe(0);

    const branch = upgradeBranch(current);
    expect(
      YAML.parse(
        await showFile(repo, branch, 'helm/evolution-todo/values.yaml'),
      ).backend.replicas,
    ).toBe(5);
    const diff = await runGit(['diff', '--name-only', 'main', branch], {
      cwd: repo,
    });
    expect(diff.stdout.trim().split('\n').sort()).toEqual([
      RECORD_PATH,
      'helm/evolution-todo/values.yaml',
    ]);
  });

  it('reports an edit on the lines the template changed as a conflict: exit 3, the file and its marked hunk listed', async () => {
    await commitTeamEdit(repo, async read => ({
      'README.md': (
        await read('README.md')
      ).replace(
        /^Then open <http:\/\/todo\.localhost>\. On a laptop, start with$/m,
        'Then open <http://todo.localhost> (ask #todo-team for access). On a laptop, start with',
      ),
    }));
    const { env, lines } = capture();

    const status = await upgrade(
      { repo, dryRun: false, template: newTemplate },
      env,
    );

    expect(status).toBe(UPGRADE_CONFLICTS_STATUS);
    expect(lines).toContain('  README.md (both changed, 1 hunk marked)');
    const readme = await showFile(
      repo,
      upgradeBranch(nextVersion),
      'README.md',
    );
    expect(readme).toMatch(
      /<<<<<<< .*\n.*\(ask #todo-team for access\).*\n\|\|\|\|\|\|\| .*\n.*\n=======\n.*in a browser.*\n>>>>>>> /,
    );
  });

  it('does nothing when nothing is new, and says so', async () => {
    const before = await refsOf(repo);
    const { env, lines } = capture();

    expect(await upgrade({ repo, dryRun: false }, env)).toBe(0);

    expect(lines.at(-1)).toMatch(
      /^Nothing to upgrade: main already has the render of template \S+ with these parameters\. No branch was created or changed\.$/,
    );
    expect(await refsOf(repo)).toEqual(before);
  });

  it('refuses a repository without a record, and bad changes by field, changing nothing', async () => {
    const { env, errors } = capture();
    await fs.rm(path.join(repo, '.git'), { recursive: true });
    await runGit(['init', '-q', '-b', 'main'], { cwd: repo });
    expect(await upgrade({ repo, dryRun: false }, env)).toBe(1);
    expect(errors.pop()).toBe(
      `${repo} has no commit on main: there is nothing to upgrade`,
    );
    // The files of a render, committed by hand: no record, no template branch.
    await fs.rm(path.join(repo, RECORD_PATH));
    await commitTeamEdit(repo, async () => ({}), 'Imported by hand');
    expect(await upgrade({ repo, dryRun: false }, env)).toBe(1);
    expect(errors.join('\n')).toContain(
      `cannot be upgraded: it has no ${RECORD_PATH} on main`,
    );

    const fresh = path.join(scratch.dir, 'fresh');
    await fs.cp(pristine, fresh, { recursive: true });
    const before = await refsOf(fresh);
    const bad = capture();
    expect(
      await upgrade(
        {
          repo: fresh,
          values: await writeChanges({ backend: { replicas: 0 }, ingres: {} }),
          dryRun: false,
        },
        bad.env,
      ),
    ).toBe(1);
    expect(bad.errors.join('\n')).toMatch(
      /backend\.replicas: .*[\s\S]*ingres: is not a known parameter/,
    );
    expect(await refsOf(fresh)).toEqual(before);
  });

  it('runs from scripts/evolution-todo with its exit codes', async () => {
    const nothingNew = await runCli(['upgrade', '--repo', repo]);
    expect(nothingNew.stdout).toContain('Nothing to upgrade');
    expect(nothingNew.status).toBe(0);
    const usage = await runCli(['upgrade']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('upgrade needs --repo');
  });
});
