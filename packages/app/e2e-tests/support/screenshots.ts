import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SuiteContext, TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { resultsDir } from './paths.ts';

/** Saves a full-page PNG as test-results/e2e/<name>.png and returns its path. */
export async function saveScreenshot(
  page: Page,
  name: string,
): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * For `afterEach`: keeps what the browser showed when a test failed, as
 * test-results/e2e/failed-<test name>.png.
 */
export async function screenshotIfFailed(
  t: TestContext | SuiteContext,
  page: Page | undefined,
): Promise<void> {
  // Node's types allow a suite context here; at run time afterEach gets the test's context.
  if (!('passed' in t) || t.passed || !page || page.isClosed()) return;
  const name = t.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const file = await saveScreenshot(page, `failed-${name}`);
  t.diagnostic(`screenshot of the failure: ${file}`);
}
