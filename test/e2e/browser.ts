import { mkdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');
export const UI_DIR = path.join(ROOT, 'dist/ui');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. */
export function browserUnavailable(): string | null {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

/** Builds the dashboard when dist/ui is missing or older than renderer/, so the test never runs against a stale or absent bundle by accident. */
export function ensureUiBuilt(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--ui-if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build:ui failed');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Collects console errors and CSP violations, which a passing test must not have. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

export interface OpenPage {
  browser: Browser;
  page: Page;
  /** What watchPageErrors collects, for a last test to assert empty. */
  pageErrors: string[];
}

/** A fresh browser with one page of the given size, its errors watched. */
export async function openPage(viewport: { width: number; height: number }): Promise<OpenPage> {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  return { browser, page, pageErrors: watchPageErrors(page) };
}
