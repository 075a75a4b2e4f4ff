// A first run as a new user meets it: the real headless gateway on a fresh data folder, with no
// provider key and no Ollama, so the config it writes has no models. The dashboard must say what
// to do next rather than show a wall of zeros. Screenshots go to test-artifacts/screenshots/first-run-*.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startGateway, type GatewayHandle } from '../../gateway/index.ts';
import { UI_DIR, browserUnavailable, ensureUiBuilt, openPage, screenshot } from './browser.ts';

const skip = browserUnavailable() ?? false;
let gateway: GatewayHandle;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let dataDir: string;
let home: string;

before(async () => {
  if (skip !== false) return;
  ensureUiBuilt();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-first-run-'));
  home = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-first-run-home-'));
  // No provider keys, nothing answering as Ollama, and no ollama binary on PATH.
  gateway = await startGateway({ dataDir, port: 0, uiDir: UI_DIR, env: { HOME: home, PATH: home, OLLAMA_HOST: 'http://127.0.0.1:9' }, log: () => undefined });
  ({ browser, page, pageErrors } = await openPage({ width: 1280, height: 800 }));
});

after(async () => {
  await browser?.close();
  await gateway?.close({ graceMs: 1000 });
  for (const dir of [dataDir, home]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

test('with no models, the overview says how to add one and links to where that is done', { skip }, async () => {
  await page.goto(gateway.dashboardUrl ?? '');
  const guide = page.getByTestId('getting-started');
  await guide.waitFor();
  await screenshot(page, 'first-run-overview');
  const text = await guide.innerText();
  assert.match(text, /No models/);
  assert.match(text, /os\.environ\/ANTHROPIC_API_KEY/, 'names how a config entry reads a provider key');
  const links = await guide.getByRole('link').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
  assert.deepEqual(links, ['#/routes', '#/models', '#/setup']);
  await guide.getByRole('link', { name: /Edit YAML/ }).click();
  await page.getByTestId('page-routes').waitFor();
});

test('with no routes, the routes page points at the config editor below it', { skip }, async () => {
  await page.getByTestId('nav-routes').click();
  const empty = page.getByTestId('routes-empty');
  await empty.waitFor();
  assert.match(await empty.innerText(), /Edit YAML/);
  await screenshot(page, 'first-run-routes');
});

test('once a model is added in the config editor, the overview stops asking for one', { skip }, async () => {
  await page.getByRole('button', { name: 'Edit YAML' }).click();
  const editor = page.getByTestId('config-yaml');
  await editor.waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-testid="config-yaml"]') as HTMLTextAreaElement | null)?.value.includes('model_list') === true);
  const yaml = (await editor.inputValue()).replace('model_list: []', [
    'model_list:',
    '  - model_name: claude-sonnet-4-5',
    // A key written in the file: an os.environ/ reference to a variable this gateway was not started with is refused.
    '    litellm_params: { model: anthropic/claude-sonnet-4-5, api_key: sk-ant-first-run-0123456789 }',
  ].join('\n'));
  await editor.fill(yaml);
  const save = page.getByRole('button', { name: 'Save and reload' });
  await save.click();
  await page.getByTestId('routes-table').waitFor();
  // Saved: the editor follows the file again, with nothing left to save.
  await page.waitForFunction(() => (document.querySelector('[data-testid="config-yaml"] ~ .form-actions .button-primary') as HTMLButtonElement | null)?.disabled === true);
  assert.match(await editor.inputValue(), /claude-sonnet-4-5/);
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('stat-in-flight').waitFor();
  await page.getByTestId('getting-started').waitFor({ state: 'detached' });
});

test('without Ollama, the models page shows the install command as code', { skip }, async () => {
  await page.getByTestId('nav-models').click();
  const message = page.getByTestId('ollama-message');
  await message.waitFor();
  await screenshot(page, 'first-run-models');
  assert.ok(!(await message.innerText()).includes('`'), 'no raw backticks');
  assert.match(await message.locator('code').first().innerText(), /ollama/i);
});

test('without Ollama, the Pull buttons are disabled and say why', { skip }, async () => {
  await page.getByTestId('nav-models').click();
  assert.match(await page.getByTestId('pull-unavailable').innerText(), /needs Ollama/);
  await page.getByTestId('pull-input').fill('qwen3:8b');
  const buttons = page.getByTestId('pull-panel').getByRole('button', { name: 'Pull' });
  // The suggestions load apart from the page: wait for their buttons before counting.
  await buttons.nth(1).waitFor();
  assert.deepEqual([...new Set(await buttons.evaluateAll((elements) => elements.map((element) => (element as HTMLButtonElement).disabled)))], [true]);
});

test('no console errors or CSP violations on a first run', { skip }, () => {
  assert.deepEqual(pageErrors, []);
});
