// The dashboard in a small window (900x700, a laptop split screen): against the contract-typed
// mock of /admin, no page scrolls sideways as a whole and tables stay inside their panels.
// Screenshots go to test-artifacts/screenshots/narrow-*.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { MockAdminServer } from './mock-admin-server.ts';
import { UI_DIR, browserUnavailable, ensureUiBuilt, launchBrowser, screenshot, watchPageErrors } from './browser.ts';

const skip = browserUnavailable() ?? false;
let server: MockAdminServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];

before(async () => {
  if (skip !== false) return;
  ensureUiBuilt();
  server = new MockAdminServer(UI_DIR);
  await server.start();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  pageErrors = watchPageErrors(page);
  await page.goto(server.dashboardUrl);
  await page.getByTestId('status-strip').waitFor();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** How far the document reaches past the right edge of the window, in CSS pixels. */
const pageOverflow = (): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('models: the model table stays inside its panel and the page does not scroll sideways', { skip }, async () => {
  await page.getByTestId('nav-models').click();
  const table = page.getByTestId('model-table');
  await table.waitFor();
  await screenshot(page, 'narrow-models');
  assert.equal(await pageOverflow(), 0);
  // What does not fit scrolls inside the panel instead of being drawn across its border.
  const [panelContent, panelWidth] = await table.evaluate((element) => {
    const panel = element.closest('.panel') as HTMLElement;
    return [panel.scrollWidth, panel.clientWidth];
  });
  assert.ok(panelContent <= panelWidth, `the table reaches ${panelContent - panelWidth}px past its panel`);
  // The row actions are still there: scrolled to, not cut off.
  const remove = page.getByTestId('model-row-gemma3:4b').getByRole('button', { name: 'Delete' });
  await remove.scrollIntoViewIfNeeded();
  assert.ok(await remove.isVisible());
});

test('no console errors or CSP violations in a small window', { skip }, () => {
  assert.deepEqual(pageErrors, []);
});
