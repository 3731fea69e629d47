import type { LoggerService } from '@backstage/backend-plugin-api';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const processOutput: Output = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
};

/**
 * A LoggerService for the terminal: what an action logs as info is what a
 * task page shows, printed as is (tables stay aligned); warnings and errors are
 * marked, debug only with EVOLUTION_TODO_DEBUG set.
 */
export function createCliLogger(output: Output = processOutput): LoggerService {
  const debug = Boolean(process.env.EVOLUTION_TODO_DEBUG);
  const logger: LoggerService = {
    info: message => output.out(message),
    warn: message => output.out(`warning: ${message}`),
    error: (message, meta) =>
      output.err(
        `error: ${message}${meta instanceof Error ? `: ${meta.message}` : ''}`,
      ),
    debug: message => {
      if (debug) {
        output.out(`debug: ${message}`);
      }
    },
    child: () => logger,
  };
  return logger;
}

/**
 * The same logger without info and debug: for the steps whose log is a
 * file-by-file account (the scaffolder's fetch:template) unless --verbose asks
 * for it. Warnings and errors always reach the terminal.
 */
export function withoutInfo(logger: LoggerService): LoggerService {
  const quiet: LoggerService = {
    info: () => {},
    debug: () => {},
    warn: (message, meta) => logger.warn(message, meta),
    error: (message, meta) => logger.error(message, meta),
    child: () => quiet,
  };
  return quiet;
}
