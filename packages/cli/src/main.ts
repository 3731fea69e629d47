import { parseArgs, USAGE, UsageError } from './args';
import { createCliLogger, processOutput } from './logger';

/**
 * Entry point of scripts/evolution-todo: the scaffolder actions outside
 * Backstage, run as JavaScript built at set-up (packages/cli/scripts/build.mjs).
 */
async function main(argv: string[]): Promise<number> {
  const output = processOutput;
  let command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`evolution-todo: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (command.command === 'help') {
    output.out(USAGE);
    return 0;
  }
  // Loaded only for a command that runs actions: the scaffolder's modules take
  // most of a run's start-up, and help or a usage error needs none of them.
  const { render, upgrade, validate } = await import('./commands');
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const env = {
    output,
    logger: createCliLogger(output),
    signal: abort.signal,
    verbose: command.verbose,
  };
  switch (command.command) {
    case 'render':
      return render(command, env);
    case 'upgrade':
      return upgrade(command, env);
    default:
      return validate(command, env);
  }
}

main(process.argv.slice(2)).then(
  status => {
    process.exitCode = status;
  },
  error => {
    process.stderr.write(`evolution-todo: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
