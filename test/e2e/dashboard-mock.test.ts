// The dashboard against a contract-typed mock of /admin: every page renders, live data moves,
// and each page is screenshotted for review. Runs without the gateway or any upstream.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserUnavailable, screenshot } from './browser.ts';
import { onWindowsSetup, openMockDashboard, type MockDashboard } from './mock-dashboard.ts';

const skip = browserUnavailable() ?? false;
let dashboard: MockDashboard;
let server: MockDashboard['server'];
let page: MockDashboard['page'];
let pageErrors: string[];

before(async () => {
  if (skip !== false) return;
  dashboard = await openMockDashboard({ width: 1360, height: 860 });
  ({ server, page, pageErrors } = dashboard);
});

after(async () => {
  await dashboard?.close();
});

test('the token in the fragment becomes a session and disappears from the address bar', { skip }, async () => {
  await page.goto(server.dashboardUrl);
  await page.getByTestId('status-strip').waitFor();
  assert.equal(new URL(page.url()).hash, '#/overview');
  assert.match(await page.getByTestId('gateway-url').innerText(), /127\.0\.0\.1:4747/);
  await page.getByTestId('stream-state').filter({ hasText: 'live' }).waitFor();
});

test('overview: tokens/s and in-flight move with live traffic', { skip }, async () => {
  server.startTraffic(12);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="stat-tokens-per-second"] .stat-value')?.textContent ?? '0') > 0, undefined, { timeout: 15_000 });
  await page.waitForTimeout(2500);
  await screenshot(page, 'overview');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);
  await screenshot(page, 'overview-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('logs: live tail adds rows, a row opens the detail drawer', { skip }, async () => {
  await page.getByTestId('nav-logs').click();
  await page.getByTestId('log-row').first().waitFor();
  const firstId = await page.getByTestId('log-row').first().innerText();
  // Same reading on both sides (innerText), so the wait ends only when a new row is on top.
  await page.waitForFunction((before) => (document.querySelector('[data-testid="log-row"]') as HTMLElement | null)?.innerText !== before, firstId, { timeout: 10_000 });
  assert.notEqual(await page.getByTestId('log-row').first().innerText(), firstId, 'live tail prepends finished requests');
  // With the pointer on the table new rows wait, so the row being clicked stays put.
  await page.getByTestId('log-row').nth(3).hover();
  const heldTop = await page.getByTestId('log-row').first().innerText();
  await page.getByTestId('logs-held').waitFor();
  assert.equal(await page.getByTestId('log-row').first().innerText(), heldTop);
  await page.getByTestId('log-row').nth(3).click();
  await page.getByTestId('log-drawer').getByText('Timings').waitFor();
  await screenshot(page, 'logs');
  await page.keyboard.press('Escape');
});

test('routes: a toggle switches the route off and traffic stops using it', { skip }, async () => {
  await page.getByTestId('nav-routes').click();
  const toggle = page.getByTestId('route-toggle-anthropic');
  await toggle.waitFor();
  assert.equal(await toggle.isChecked(), true);
  await toggle.click({ force: true });
  assert.equal(await toggle.isChecked(), false);
  await page.getByTestId('rules-save').click();
  await page.getByTestId('rules-form').getByText('no model group named').waitFor();
  await screenshot(page, 'routes');
});

test('routes: after a refused "Save and reload" the save can be retried without editing again', { skip }, async () => {
  await page.getByRole('button', { name: 'Edit YAML' }).click();
  const editor = page.getByTestId('config-yaml');
  await editor.waitFor();
  await editor.fill(`${await editor.inputValue()}general_settings: { master_key: os.environ/GATEHOUSE_KEY }\n`);
  const save = page.getByRole('button', { name: 'Save and reload' });
  await save.click();
  await page.getByTestId('config-errors').getByText('ANTHROPIC_API_KEY is not set').waitFor();
  // The variable may be set outside the dashboard; the unsaved text is still there to save.
  assert.equal(await save.isEnabled(), true);
  assert.match(await editor.inputValue(), /GATEHOUSE_KEY/);
  await page.getByRole('button', { name: 'Close' }).click();
});

test('routes: what is typed while a save is on its way stays in the editor, unsaved', { skip }, async () => {
  await page.getByRole('button', { name: 'Edit YAML' }).click();
  const editor = page.getByTestId('config-yaml');
  await editor.waitFor();
  let releaseSave: () => void = () => undefined;
  const saveHeld = new Promise<void>((resolve) => {
    releaseSave = resolve;
  });
  let saveArrived: () => void = () => undefined;
  const saveSeen = new Promise<void>((resolve) => {
    saveArrived = resolve;
  });
  // This save is accepted, but only answers once the user has typed on.
  await page.route('**/admin/config', async (route) => {
    if (route.request().method() !== 'PUT') return route.fallback();
    saveArrived();
    await saveHeld;
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ saved: true, errors: [], warnings: [], problems: [] }) });
  });
  try {
    const saved = `${await editor.inputValue()}# saved\n`;
    await editor.fill(saved);
    const save = page.getByRole('button', { name: 'Save and reload' });
    await save.click();
    await saveSeen;
    await editor.fill(`${saved}# typed after Save\n`);
    releaseSave();
    await page.getByText('Saved; the gateway reloaded the config.').waitFor();
    // The editor lets go of its text once the routes and status have reloaded after the save.
    await page.waitForTimeout(300);
    assert.match(await editor.inputValue(), /# typed after Save/);
    assert.equal(await save.isEnabled(), true, 'the later text is not saved yet');
  } finally {
    releaseSave();
    await page.unroute('**/admin/config');
    await page.getByRole('button', { name: 'Close' }).click();
  }
});

test('models: a pull shows progress and finishes', { skip }, async () => {
  await page.getByTestId('nav-models').click();
  await page.getByTestId('model-table').waitFor();
  // Context is written as the model table writes it (the benchmarks load apart from the models: wait for every row).
  const contextCells = page.getByTestId('bench-context');
  await contextCells.nth(2).waitFor();
  assert.deepEqual(await contextCells.allInnerTexts(), ['32k', '32k', '—'], 'a group measured through the gateway has no context of its own');
  assert.deepEqual(await page.getByTestId('bench-target').allInnerTexts(), ['via gateway · anthropic-main']);
  await page.getByTestId('pull-input').fill('qwen3:14b');
  await page.getByTestId('pull-submit').click();
  await page.getByTestId('pull-qwen3:14b').getByText('downloading').waitFor();
  await screenshot(page, 'models');
  await page.getByTestId('pull-qwen3:14b').getByText('success').waitFor({ timeout: 15_000 });
});

test('models: a local benchmark without the long-prompt run asks for depth: false, and the running line names each step', { skip }, async () => {
  await page.getByTestId('nav-models').click();
  const toggle = page.getByTestId('bench-depth-toggle');
  const running = page.getByTestId('bench-running');
  try {
    await toggle.uncheck();
    await page.getByTestId('model-row-gemma3:4b').getByTestId('bench-start').click();
    // The line shows once the gateway has answered with the id, so later steps are not overwritten by it.
    await running.filter({ hasText: 'gemma3:4b: loading the model' }).waitFor();
    assert.deepEqual(server.benchRequests.at(-1), { model: 'gemma3:4b', runs: 3, depth: false });
    const id = `bench-${server.benchRequests.length - 1}`;
    const step = { id, kind: 'ollama', model: 'gemma3:4b', run: 3, runs: 3, depthTokens: null, result: null } as const;
    server.benchProgress({ ...step, phase: 'depth', depthTokens: 16_384 });
    await running.filter({ hasText: 'gemma3:4b: long-prompt run (16k)' }).waitFor();
    server.benchProgress({ ...step, phase: 'tools' });
    await running.filter({ hasText: 'gemma3:4b: tool-call test' }).waitFor();
    await screenshot(page, 'models-bench-running');
    server.benchProgress({ ...step, phase: 'done' });
    await running.filter({ hasText: 'gemma3:4b' }).waitFor({ state: 'detached' });
  } finally {
    await toggle.check();
  }
});

test('models: a group benchmark via the gateway sends no depth choice and counts its runs', { skip }, async () => {
  await page.getByTestId('nav-models').click();
  await page.getByTestId('group-bench-select').selectOption('claude-sonnet-4-5');
  await page.getByTestId('group-bench-start').click();
  const running = page.getByTestId('bench-running');
  await running.filter({ hasText: 'claude-sonnet-4-5 via gateway: warm-up' }).waitFor();
  assert.deepEqual(server.benchRequests.at(-1), { group: 'claude-sonnet-4-5', runs: 3 });
  const step = { id: `bench-${server.benchRequests.length - 1}`, kind: 'gateway', model: 'claude-sonnet-4-5', runs: 3, depthTokens: null, result: null } as const;
  server.benchProgress({ ...step, phase: 'generate', run: 2 });
  await running.filter({ hasText: 'claude-sonnet-4-5 via gateway: run 2/3' }).waitFor();
  server.benchProgress({ ...step, phase: 'done', run: 3 });
  await running.filter({ hasText: 'claude-sonnet-4-5' }).waitFor({ state: 'detached' });
});

test('spend, setup and settings render', { skip }, async () => {
  await page.getByTestId('nav-spend').click();
  await page.getByTestId('spend-by-day').locator('canvas').waitFor();
  assert.match(await page.getByTestId('spend-csv').getAttribute('href') ?? '', /\/admin\/spend\.csv\?from=/);
  await screenshot(page, 'spend');
  await page.getByTestId('nav-setup').click();
  await page.getByTestId('shell-tab-fish').click();
  assert.match(await page.getByTestId('snippet-session').innerText(), /set -gx ANTHROPIC_BASE_URL/);
  assert.doesNotMatch(await page.getByTestId('snippet-session').innerText(), /gh-live-key/, 'the key is masked until copied');
  await page.getByTestId('claude-apply').click();
  await page.getByTestId('setup-outcome').waitFor();
  await page.getByTestId('doctor-list').waitFor();
  await screenshot(page, 'setup');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('providers-table').waitFor();
  await screenshot(page, 'settings');
});

test('setup on Windows: PowerShell profiles are offered, cmd is pointed at setx, and a skipped edition is named with its fix', { skip }, async () => {
  await onWindowsSetup({ server, page }, async () => {
    assert.match(await page.getByTestId('snippet-persist').innerText(), /^setx ANTHROPIC_BASE_URL/m);
    await page.getByTestId('claude-apply').click();
    const skipped = await page.getByTestId('setup-skipped').innerText();
    assert.match(skipped, /WindowsPowerShell\\Microsoft\.PowerShell_profile\.ps1: Windows PowerShell 5\.1's execution policy Restricted runs no profile/);
    assert.match(skipped, /Set-ExecutionPolicy -Scope CurrentUser RemoteSigned/);
    await screenshot(page, 'setup-windows');
  });
});

test('a gateway that forgot the session asks to sign in, and the token brings the live page back', { skip }, async () => {
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('stream-state').filter({ hasText: 'live' }).waitFor();
  server.forgetSessions();
  await page.getByTestId('sign-in').waitFor({ timeout: 10_000 });
  await page.getByTestId('sign-in-token').fill(server.dashboardUrl.split('#token=')[1] ?? '');
  await page.getByTestId('sign-in').getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('status-strip').waitFor();
  await page.getByTestId('stream-state').filter({ hasText: 'live' }).waitFor();
});

test('no console errors or CSP violations', { skip }, () => {
  assert.deepEqual(pageErrors, []);
});
