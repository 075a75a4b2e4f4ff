// The dashboard in Chromium against the contract-typed mock of /admin: what the mock-based e2e
// files share before their first test.
import type { Browser, Page } from 'playwright-core';
import { MockAdminServer } from './mock-admin-server.ts';
import { UI_DIR, ensureUiBuilt, openPage } from './browser.ts';

export interface MockDashboard {
  server: MockAdminServer;
  browser: Browser;
  page: Page;
  /** Uncaught errors and console errors of the page, for a last test to assert empty. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Starts the mock and opens a page of the given size on it; the page has not navigated yet. */
export async function openMockDashboard(viewport: { width: number; height: number }): Promise<MockDashboard> {
  ensureUiBuilt();
  const server = new MockAdminServer(UI_DIR);
  await server.start();
  const { browser, page, pageErrors } = await openPage(viewport);
  return {
    server,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Runs `check` on the Setup page of a gateway that wires Claude Code for Windows, with the
 * PowerShell profile ticked and the cmd hint opened; the mock goes back to Linux afterwards.
 */
export async function onWindowsSetup(dashboard: Pick<MockDashboard, 'server' | 'page'>, check: () => Promise<void>): Promise<void> {
  const { server, page } = dashboard;
  server.wiringPlatform = 'win32';
  try {
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-setup').click();
    await page.getByTestId('rc-powershell').check();
    await page.getByTestId('cmd-hint').getByRole('button').click();
    await check();
  } finally {
    server.wiringPlatform = 'linux';
  }
}
