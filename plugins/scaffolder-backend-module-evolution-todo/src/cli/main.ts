import { parseArgs, USAGE, UsageError } from './args';
import { render, upgrade, validate } from './commands';
import { createCliLogger, processOutput } from './logger';

/**
 * Entry point of scripts/evolution-todo: the scaffolder actions outside
 * Backstage. Run through Backstage's node transform (TypeScript as is).
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
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const env = { output, logger: createCliLogger(output), signal: abort.signal };
  switch (command.command) {
    case 'help':
      output.out(USAGE);
      return 0;
    case 'render':
      return render(command, env);
    case 'upgrade':
      return upgrade(command, env);
    case 'validate':
      return validate(command, env);
    default:
      return 2;
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
