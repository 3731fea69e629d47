import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser.ts';
import { waitForCatalogEntity } from './support/catalog.ts';
import { usePortal, type Portal } from './support/portal.ts';
import { saveScreenshot, screenshotIfFailed } from './support/screenshots.ts';
import { signInAsGuest } from './support/signIn.ts';

const TEMPLATE_REF = 'template:default/evolution-todo-kubernetes';
const TEMPLATE_TITLE = 'Evolution Todo on Kubernetes';

describe('Create page', () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;

  before(async () => {
    portal = await usePortal();
    await waitForCatalogEntity(portal, TEMPLATE_REF);
    browser = await launchBrowser();
    page = await openPage(browser, portal);
  });

  afterEach(t => screenshotIfFailed(t, page));

  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lets a guest open Create and choose the Evolution Todo template', async t => {
    await signInAsGuest(page);

    await page
      .getByRole('navigation')
      .getByRole('link', { name: 'Create' })
      .click();
    await page.waitForURL(/\/create\b/);

    // Template cards have no accessible role of their own; the title is the card's heading.
    const card = page.locator('.MuiCard-root').filter({
      has: page.getByRole('heading', { name: TEMPLATE_TITLE, exact: true }),
    });
    await card.getByRole('button', { name: 'Choose' }).waitFor();
    assert.equal(await card.count(), 1, 'exactly one card for the template');

    const file = await saveScreenshot(page, 'create-page');
    t.diagnostic(`screenshot: ${file}`);
  });
});
