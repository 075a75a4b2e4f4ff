// End to end: the built dashboard in Chromium against the real headless gateway, with a mock
// upstream (two deployments of one group, on two routes, and one it cannot load) and the in-test
// Ollama. Loads /ui with the printed token, finds the skipped entry named on the Models page, sends
// traffic and watches tokens/s and the log move, toggles a route and checks the next requests avoid
// it, applies the Claude Code setup into a temp HOME, pulls a model and watches its progress;
// screenshots every page to test-artifacts/screenshots/gateway-*.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startGateway, type GatewayHandle } from '../../gateway/index.ts';
import { anthropicTextStream, openaiTextStream, startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { startOllamaTestServer, type OllamaTestServer } from '../helpers/ollama-test-server.ts';
import { TEST_MASTER_KEY } from '../helpers/start-test-gateway.ts';
import { UI_DIR, browserUnavailable, ensureUiBuilt, openPage, screenshot } from './browser.ts';

const skip = browserUnavailable() ?? false;
let upstream: MockUpstream;
let ollama: OllamaTestServer;
let gateway: GatewayHandle;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let dataDir: string;
let home: string;

const config = (upstreamUrl: string): string => `
model_list:
  - model_name: claude-mock
    litellm_params: { model: anthropic/claude-upstream, api_base: ${upstreamUrl}, api_key: sk-ant-e2e-secret-0123456789 }
    model_info: { id: anthropic-mock, route: anthropic }
  - model_name: claude-mock
    litellm_params: { model: openai/gpt-upstream, api_base: ${upstreamUrl}/v1, api_key: sk-openai-e2e-secret-0123456789 }
    model_info: { id: openai-mock, route: openai }
  - model_name: claude-mock
    litellm_params: { model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`;

function sendMessage(): Promise<Response> {
  return fetch(`${gateway.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': TEST_MASTER_KEY },
    body: JSON.stringify({ model: 'claude-mock', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

async function sendTraffic(count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, async (_, index) => {
    await new Promise((resolve) => setTimeout(resolve, index * 60));
    const response = await sendMessage();
    await response.text();
  }));
}

before(async () => {
  if (skip !== false) return;
  ensureUiBuilt();
  upstream = await startMockUpstream();
  // Slow streams so requests are visibly in flight and tokens arrive over time.
  upstream.script((request) => request.path.includes('/chat/completions')
    ? { kind: 'sse', frames: openaiTextStream('Hello from the OpenAI side of the mock upstream.'), delayMs: 25 }
    : { kind: 'sse', frames: anthropicTextStream('Hello from the Anthropic side of the mock upstream.', 'claude-upstream', { input_tokens: 1200, output_tokens: 48 }), delayMs: 25 });
  ollama = await startOllamaTestServer({ pull: { stepsPerLayer: 30, stepDelayMs: 80 } });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-e2e-'));
  home = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-e2e-home-'));
  const configPath = path.join(dataDir, 'config.yaml');
  writeFileSync(configPath, config(upstream.url));
  gateway = await startGateway({ configPath, dataDir, port: 0, uiDir: UI_DIR, env: { HOME: home, OLLAMA_HOST: ollama.url, PATH: process.env.PATH }, log: () => undefined });
  ({ browser, page, pageErrors } = await openPage({ width: 1360, height: 860 }));
});

after(async () => {
  await browser?.close();
  await gateway?.close({ graceMs: 1000 });
  await ollama?.close();
  await upstream?.close();
  for (const dir of [dataDir, home]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

test('the printed dashboard URL logs in and the token leaves the address bar', { skip }, async () => {
  assert.match(gateway.dashboardUrl ?? '', /\/ui\/#token=/);
  await page.goto(gateway.dashboardUrl ?? '');
  await page.getByTestId('status-strip').waitFor();
  assert.equal(new URL(page.url()).hash, '#/overview');
  assert.equal(await page.getByTestId('gateway-url').innerText(), gateway.url);
  await page.getByTestId('stream-state').filter({ hasText: 'live' }).waitFor();
});

test('an entry the gateway skips is named on the overview and, with why, on the Models page', { skip }, async () => {
  await page.getByTestId('skipped-entries-link').filter({ hasText: '1 entry skipped' }).click();
  const skipped = page.getByTestId('skipped-entries');
  await skipped.waitFor();
  assert.equal(new URL(page.url()).hash, '#/models');
  assert.match(await skipped.innerText(), /One model_list entry does not load[\s\S]*model_list\[2\]\.litellm_params\.model the "claude-mock" entry is skipped: "bedrock\/" needs AWS SigV4 request signing.*CLAUDE_CODE_USE_BEDROCK=1/);
  await page.getByTestId('nav-overview').click();
});

test('traffic moves tokens/s on the overview and fills the log live', { skip }, async () => {
  const traffic = sendTraffic(40);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="stat-tokens-per-second"] .stat-value')?.textContent?.replace(/,/g, '') ?? '0') > 0, undefined, { timeout: 15_000 });
  await traffic;
  await screenshot(page, 'gateway-overview');
  await page.getByTestId('nav-logs').click();
  await page.getByTestId('log-row').first().waitFor();
  // The table is virtualized, so count rows by aria-rowcount rather than by DOM nodes.
  const rowCount = async (): Promise<number> => Number(await page.getByTestId('log-table').getAttribute('aria-rowcount'));
  const before = await rowCount();
  await sendTraffic(3);
  await page.waitForFunction((count) => Number(document.querySelector('[data-testid="log-table"]')?.getAttribute('aria-rowcount')) >= count + 3, before, { timeout: 10_000 });
  await page.getByTestId('log-row').first().click();
  await page.getByTestId('log-drawer').getByText('Timings').waitFor();
  await screenshot(page, 'gateway-logs');
  await page.keyboard.press('Escape');
});

test('turning a route off in the dashboard makes the next requests avoid it', { skip }, async () => {
  await page.getByTestId('nav-routes').click();
  const toggle = page.getByTestId('route-toggle-anthropic');
  await toggle.waitFor();
  await toggle.click({ force: true });
  // The switch flips optimistically and stays disabled until the gateway has answered.
  await page.waitForFunction(() => {
    const input = document.querySelector('[data-testid="route-toggle-anthropic"]') as HTMLInputElement | null;
    return input?.checked === false && !input.disabled;
  });
  assert.deepEqual(gateway.routes().find((route) => route.name === 'anthropic'), { name: 'anthropic', enabled: false });
  const seen = upstream.requests.length;
  await sendTraffic(6);
  const paths = upstream.requests.slice(seen).map((request) => request.path);
  assert.equal(paths.length, 6);
  assert.ok(paths.every((requestPath) => requestPath.includes('/chat/completions')), `all went to the openai route: ${paths.join(', ')}`);
  await screenshot(page, 'gateway-routes');
  await toggle.click({ force: true });
});

test('Configure Claude Code writes settings.json into HOME, and the doctor reports', { skip }, async () => {
  await page.getByTestId('nav-setup').click();
  await page.getByTestId('claude-apply').click();
  await page.getByTestId('setup-outcome').waitFor();
  const settingsFile = path.join(home, '.claude', 'settings.json');
  assert.ok(existsSync(settingsFile));
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as { env: Record<string, string> };
  assert.equal(settings.env.ANTHROPIC_BASE_URL, gateway.url);
  await page.getByTestId('shell-tab-powershell').click();
  assert.match(await page.getByTestId('snippet-session').innerText(), /\$env:ANTHROPIC_BASE_URL/);
  await page.getByTestId('doctor-list').waitFor();
  await screenshot(page, 'gateway-setup');
});

test('a model pull shows progress', { skip }, async () => {
  await page.getByTestId('nav-models').click();
  await page.getByTestId('pull-input').fill('gemma3:4b');
  await page.getByTestId('pull-submit').click();
  const row = page.getByTestId('pull-gemma3:4b');
  await row.waitFor();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="pull-gemma3:4b"] [role="progressbar"]')?.getAttribute('aria-valuenow') ?? '0') > 0, undefined, { timeout: 15_000 });
  await screenshot(page, 'gateway-models');
  await row.getByText('success').waitFor({ timeout: 30_000 });
});

test('spend and settings render from the real API', { skip }, async () => {
  await page.getByTestId('nav-spend').click();
  await page.getByTestId('spend-by-model').waitFor();
  await screenshot(page, 'gateway-spend');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('providers-table').waitFor();
  // Started on port 0, so the saved 4747 is not where it listens, and the page says where it does.
  assert.equal(await page.locator('#settings-port').inputValue(), '4747');
  assert.match(await page.getByTestId('settings-port-note').innerText(), new RegExp(`Listening on ${gateway.port} now`));
  await screenshot(page, 'gateway-settings');
});

test('no console errors or CSP violations against the real gateway', { skip }, () => {
  assert.deepEqual(pageErrors, []);
});
