import { chromium, type Browser, type Page } from 'playwright-core';
import type { Portal } from './portal.ts';

/** Debian's Chromium (scripts/ensure-chromium.sh installs it); Playwright cannot download one here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless and quiet: no GPU, no sandbox (root in CI containers), no calls home.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Each launch gets a fresh, temporary profile (Playwright creates and removes it). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
}

/**
 * A page in a new browser context (empty cookies and local storage, so the sign-in page shows)
 * whose relative URLs resolve against the portal: `page.goto('/create')`.
 */
export async function openPage(
  browser: Browser,
  portal: Portal,
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: portal.baseUrl,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  // The portal renders in the browser; give slow, shared CI machines room.
  page.setDefaultTimeout(30_000);
  return page;
}
