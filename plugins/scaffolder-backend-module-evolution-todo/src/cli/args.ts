/** What the command line asked for; usage errors are reported before anything runs. */
export type Command =
  | {
      command: 'render';
      values: string;
      out: string;
      force: boolean;
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
  scripts/evolution-todo render --values <file.yaml> --out <dir> [--force] [--verbose]
      Creates in <dir> the repository the portal's template would create for the
      parameters in <file.yaml> (the template's keys, e.g. examples/values/*.yaml):
      the steps of templates/evolution-todo/template.yaml up to its validation
      (skeleton, Helm chart, Kubernetes manifests, Dockerfiles, validation report);
      publishing and catalog registration stay in the portal. <dir> must be empty
      or missing; --force replaces the rendered folders (helm/, k8s/, docker/,
      .evolution-todo/) and keeps the files already there that the skeleton writes.
  scripts/evolution-todo validate <dir> [--verbose]
      Validates every Kubernetes object in the YAML files under <dir> (schemas and
      policy) and writes <dir>/.evolution-todo/validation-report.{md,json}.

Each step prints its name and its own summary; --verbose adds every line the
steps log (the skeleton's file-by-file output) and the time each step took.

Exit status: 0 success, 1 invalid input or validation errors, 2 usage error.`;

/** Parses `render --values f --out d [--force]` and `validate <dir>`. */
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
    const options: Record<string, string> = {};
    let force = false;
    let verbose = false;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i];
      const [flag, inline] = arg.split(/=(.*)/s, 2);
      if (flag === '--force') {
        force = true;
      } else if (flag === '--verbose') {
        verbose = true;
      } else if (flag === '--values' || flag === '--out') {
        const value = inline ?? rest[++i];
        if (value === undefined || value === '') {
          throw new UsageError(`${flag} needs a value`);
        }
        options[flag.slice(2)] = value;
      } else {
        throw new UsageError(`unknown option for render: ${arg}`);
      }
    }
    for (const required of ['values', 'out']) {
      if (!options[required]) {
        throw new UsageError(`render needs --${required}`);
      }
    }
    return {
      command: 'render',
      values: options.values,
      out: options.out,
      force,
      verbose,
    };
  }
  throw new UsageError(`unknown command: ${command}`);
}
