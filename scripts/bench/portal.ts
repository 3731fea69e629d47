/**
 * What every portal bench (bench:golden-path, bench:load) does around its
 * measurements: start the real portal in this process, wait until the catalog
 * serves the template, and stop it again whatever happened.
 *
 * The portal itself comes from the backend's test utilities
 * (`backend/testUtils`, packages/backend/src/testUtils): the benches drive it
 * the way the backend's own tests do, so they import the same helpers through
 * the package's export rather than reaching into its src/.
 */
import {
  entityExists,
  eventually,
  startPortalInProcess,
  TEMPLATE_REF,
  type PortalInProcess,
} from 'backend/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export { entityExists, TEMPLATE_REF };
export type { PortalApi } from 'backend/testUtils';

export interface BenchPortal extends PortalInProcess {
  /** The portal's files (config overlay, local repositories); removed afterwards. */
  workDir: string;
  /** From the start until the catalog served the template. */
  startupMs: number;
}

/**
 * Runs `bench` against a portal started for it, in a fresh temporary folder
 * named after `name`; stops the portal and removes the folder afterwards.
 * `workingDirectory`: the scaffolder's (backend.workingDirectory).
 */
export async function withPortal<T>(
  name: string,
  bench: (portal: BenchPortal) => Promise<T>,
  options: { workingDirectory?: string } = {},
): Promise<T> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  const start = performance.now();
  if (options.workingDirectory) {
    fs.mkdirSync(options.workingDirectory, { recursive: true });
  }
  const portal = await startPortalInProcess(workDir, options);
  try {
    await eventually(
      async () =>
        (await entityExists(portal.api, TEMPLATE_REF)) ? true : undefined,
      'the template in the catalog',
      { timeoutMs: 60_000, intervalMs: 25 },
    );
    return await bench({
      ...portal,
      workDir,
      startupMs: performance.now() - start,
    });
  } finally {
    await portal.backend.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Runs a portal bench's main: an error is printed and exits 1. It then exits:
 * some plugins leave timers behind after backend.stop(), and the bench is done.
 */
export function runPortalBench(main: () => Promise<void>): void {
  main()
    .catch(error => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => process.exit());
}
