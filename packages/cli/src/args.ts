/** What the command line asked for; usage errors are reported before anything runs. */
export type Command =
  | {
      command: 'render';
      values: string;
      out: string;
      force: boolean;
      git: boolean;
      /** The template folder (template.yaml, skeleton/); absent: the CLI's own. */
      template?: string;
      verbose: boolean;
    }
  | {
      command: 'upgrade';
      repo: string;
      values?: string;
      dryRun: boolean;
      template?: string;
      verbose: boolean;
    }
  | { command: 'validate'; dir: string; verbose: boolean }
  | { command: 'help' };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage:
  scripts/evolution-todo render --values <file.yaml> --out <dir> [--force | --git] [--template <dir>]
      Creates in <dir> the repository the portal's template would create for the
      parameters in <file.yaml> (the template's keys, e.g. examples/values/*.yaml):
      the steps of templates/evolution-todo/template.yaml up to its validation
      (skeleton, Helm chart, Kubernetes manifests, Dockerfiles, validation report);
      publishing and catalog registration stay in the portal. <dir> must be empty
      or missing; --force replaces the rendered folders (helm/, k8s/, docker/,
      .evolution-todo/) and keeps the files already there that the skeleton writes.
      --git makes <dir> a git repository as the portal's local destination does:
      the first commit on main and on evolution-todo/template (the template's
      renders, which upgrades merge from).
  scripts/evolution-todo upgrade --repo <dir> [--values <changes.yaml>] [--dry-run] [--template <dir>]
      Re-renders the current template with the parameters <dir> recorded on its
      checked-out branch (.evolution-todo/parameters.yaml), changed by the keys in
      <changes.yaml> if given (e.g. "backend: {replicas: 4}"), commits the render on
      evolution-todo/template and merges it into a new branch
      evolution-todo/upgrade-<version> off the checked-out branch, which itself
      does not change. Conflicting hunks are marked in the files, committed on
      that branch and listed. Nothing new: nothing is done. --dry-run merges in
      a scratch clone and prints the changes without creating any branch.
  scripts/evolution-todo validate <dir>
      Validates every Kubernetes object in the YAML files under <dir> (schemas and
      policy) and writes <dir>/.evolution-todo/validation-report.{md,json}.

--template <dir> (render, upgrade): the template folder to run, template.yaml with
skeleton/ beside it; by default the CLI's own: the copy packed into an installed
package, else templates/evolution-todo of this workspace.

Each step prints its name and its own summary; --verbose (any command) adds every
line the steps log (the skeleton's file-by-file output) and the time each step took.

Exit status: 0 success (an upgrade: merged cleanly, or nothing to do), 1 invalid
input or validation errors, 2 usage error, 3 upgrade merged with conflicts.`;

/** Reads `--flag value`, `--flag=value` and bare flags; anything else is a usage error. */
function readOptions(
  command: string,
  rest: readonly string[],
  valued: readonly string[],
  bare: readonly string[],
): Record<string, string | true> {
  const options: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (bare.includes(flag) && inline === undefined) {
      options[flag.slice(2)] = true;
    } else if (valued.includes(flag)) {
      const value = inline ?? rest[++i];
      if (value === undefined || value === '') {
        throw new UsageError(`${flag} needs a value`);
      }
      options[flag.slice(2)] = value;
    } else {
      throw new UsageError(`unknown option for ${command}: ${arg}`);
    }
  }
  return options;
}

/** `--template <dir>` when given: absent means the CLI's own template. */
const templateOption = (options: Record<string, string | true>) =>
  typeof options.template === 'string' ? { template: options.template } : {};

/** Parses `render --values f --out d [--force] [--git] [--template t]`, `upgrade --repo d [--values f] [--dry-run] [--template t]` and `validate <dir>`, each with [--verbose]. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || ['help', '--help', '-h'].includes(command)) {
    return { command: 'help' };
  }
  if (command === 'validate') {
    const verbose = rest.includes('--verbose');
    const [dir, ...extra] = rest.filter(arg => arg !== '--verbose');
    if (!dir || dir.startsWith('-') || extra.length > 0) {
      throw new UsageError(
        'validate takes exactly one folder: scripts/evolution-todo validate <dir>',
      );
    }
    return { command: 'validate', dir, verbose };
  }
  if (command === 'render') {
    const options = readOptions(
      command,
      rest,
      ['--values', '--out', '--template'],
      ['--force', '--git', '--verbose'],
    );
    for (const required of ['values', 'out']) {
      if (!options[required]) {
        throw new UsageError(`render needs --${required}`);
      }
    }
    if (options.force && options.git) {
      throw new UsageError(
        '--git creates a new repository in an empty folder; --force does not apply to it',
      );
    }
    return {
      command: 'render',
      values: options.values as string,
      out: options.out as string,
      force: options.force === true,
      git: options.git === true,
      ...templateOption(options),
      verbose: options.verbose === true,
    };
  }
  if (command === 'upgrade') {
    const options = readOptions(
      command,
      rest,
      ['--repo', '--values', '--template'],
      ['--dry-run', '--verbose'],
    );
    if (!options.repo) {
      throw new UsageError('upgrade needs --repo');
    }
    return {
      command: 'upgrade',
      repo: options.repo as string,
      ...(options.values ? { values: options.values as string } : {}),
      dryRun: options['dry-run'] === true,
      ...templateOption(options),
      verbose: options.verbose === true,
    };
  }
  throw new UsageError(`unknown command: ${command}`);
}
