import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { spawn } from 'node:child_process';
import path from 'node:path';

/** The workspace root, for tests: this package lives in packages/cli. */
export const REPO_ROOT = resolvePackagePath('@evolution-todo/cli', '../..');
export const CLI = path.join(REPO_ROOT, 'scripts/evolution-todo');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/evolution-todo as a user would, through its bash wrapper (for tests and the bench). */
export function runCli(
  args: string[],
  options: { cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', status => resolve({ status, stdout, stderr }));
  });
}
