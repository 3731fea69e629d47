import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What a stubbed command answers to one exact argument list. */
export interface StubResponse {
  stdout?: string;
  exitCode?: number;
}

/** Stubbed commands: name → (arguments joined by spaces → response). Unknown calls succeed silently. */
export type Stubs = Record<string, Record<string, StubResponse>>;

const singleQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function stubScript(
  name: string,
  responses: Record<string, StubResponse>,
): string {
  const cases = Object.entries(responses).map(
    ([args, response]) =>
      `  ${singleQuoted(args)}) printf '%s' ${singleQuoted(
        response.stdout ?? '',
      )}; exit ${response.exitCode ?? 0} ;;`,
  );
  return [
    '#!/bin/sh',
    `printf '%s\\n' ${singleQuoted(name)}" $*" >> "$STUB_LOG"`,
    'case "$*" in',
    ...cases,
    'esac',
    'exit 0',
    '',
  ].join('\n');
}

/**
 * Runs a script with a PATH that holds only the stubbed commands and the few
 * system tools the scripts use, so nothing real (docker, helm, kubectl, git)
 * can be reached. Every stub call is recorded.
 */
export function runWithStubs(script: string, args: string[], stubs: Stubs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-stubs-'));
  try {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    for (const tool of ['bash', 'dirname', 'basename', 'cat', 'grep']) {
      const found = ['/usr/bin', '/bin']
        .map(d => path.join(d, tool))
        .find(p => fs.existsSync(p));
      if (!found) {
        throw new Error(`${tool} not found in /usr/bin or /bin`);
      }
      fs.symlinkSync(found, path.join(bin, tool));
    }
    for (const [name, responses] of Object.entries(stubs)) {
      fs.writeFileSync(path.join(bin, name), stubScript(name, responses), {
        mode: 0o755,
      });
    }
    const log = path.join(dir, 'calls.log');
    fs.writeFileSync(log, '');
    const result = spawnSync(path.join(bin, 'bash'), [script, ...args], {
      encoding: 'utf8',
      env: { PATH: bin, STUB_LOG: log, HOME: dir, LC_ALL: 'C' },
      timeout: 20_000,
    });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      /** The lines a dry run prints for the commands it would run. */
      commands: result.stdout.split('\n').filter(line => line.startsWith('+ ')),
      /** Every call that reached a stub, as "name args". */
      calls: fs.readFileSync(log, 'utf8').split('\n').filter(Boolean),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
