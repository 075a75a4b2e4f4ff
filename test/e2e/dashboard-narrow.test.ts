// The dashboard in a small window (900x700, a laptop split screen): against the contract-typed
// mock of /admin, no page scrolls sideways as a whole, tables stay inside their panels, and the
// log table shows its numbers whole. Screenshots go to test-artifacts/screenshots/narrow-*.
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
  dashboard = await openMockDashboard({ width: 900, height: 700 });
  ({ server, page, pageErrors } = dashboard);
  await page.goto(server.dashboardUrl);
  await page.getByTestId('status-strip').waitFor();
});

after(async () => {
  await dashboard?.close();
});

/** How far the document reaches past the right edge of the window, in CSS pixels. */
const pageOverflow = (): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('models: the model table fits its panel without scrolling, and every row\'s actions are on screen', { skip }, async () => {
  await page.getByTestId('nav-models').click();
  const table = page.getByTestId('model-table');
  await table.locator('tbody tr').nth(3).waitFor();
  await screenshot(page, 'narrow-models');
  assert.equal(await pageOverflow(), 0);
  const [content, width] = await table.evaluate((element) => {
    const body = element.closest('.panel-body') as HTMLElement;
    return [body.scrollWidth, body.clientWidth];
  });
  assert.ok(content <= width, `the model table scrolls ${content - width}px sideways inside its panel`);
  // Where the page is, not where a sideways scroll would bring it: the last action of each local row is in the window.
  for (const row of await table.locator('tbody tr').filter({ has: page.getByRole('button') }).all()) {
    const last = row.getByRole('button').last();
    const box = await last.boundingBox();
    assert.ok(box !== null && box.x + box.width <= 900, `${await last.innerText()} of ${await row.getAttribute('data-testid')} is drawn past the window's right edge`);
  }
  // Nothing the table showed in its own columns is lost: the size sits under a local model's name, the source and fit are badges.
  const local = page.getByTestId('model-row-qwen3:8b');
  for (const text of ['4.8 GiB', 'local', 'loaded', 'fits GPU', '40k', 'free']) assert.ok((await local.innerText()).includes(text), `qwen3:8b shows ${text}`);
  assert.match(await page.getByTestId('model-row-openai-mini').getByTestId('model-cooldown').innerText(), /^until \d\d:\d\d/, 'a cooldown says when it ends, under its badge');
});

test('models: the benchmark table fits its panel, each Delete is on screen, and a tool-call failure says why', { skip }, async () => {
  await page.getByTestId('nav-models').click();
  const panel = page.getByTestId('bench-panel');
  const rows = panel.getByTestId('bench-row');
  await rows.nth(2).waitFor();
  await screenshot(page, 'narrow-bench');
  const [content, width] = await panel.locator('.panel-body').evaluate((body) => [body.scrollWidth, body.clientWidth]);
  assert.ok(content <= width, `the benchmark table scrolls ${content - width}px sideways inside its panel`);
  for (const remove of await panel.getByRole('button', { name: /^Delete benchmark of / }).all()) {
    const box = await remove.boundingBox();
    assert.ok(box !== null && box.x + box.width <= 900, `${await remove.getAttribute('aria-label')} is drawn past the window's right edge`);
  }
  // The verdict is a badge that names its reason on hover, and the reason is also written out under the row.
  const failed = rows.filter({ hasText: 'gemma3:4b' });
  assert.match(await failed.getByTestId('bench-tools').getAttribute('title') ?? '', /^answered in text instead of calling Read/);
  assert.match(await panel.getByTestId('bench-detail').innerText(), /answered in text instead of calling Read/);
});

test('models: with no benchmarks yet the controls and the empty note stay inside the panel', { skip }, async () => {
  await page.route('**/admin/local/bench', (route) => (route.request().method() === 'GET'
    ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ results: [] }) })
    : route.fallback()));
  try {
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-models').click();
    const panel = page.getByTestId('bench-panel');
    await panel.getByText('No benchmarks yet').waitFor();
    await screenshot(page, 'narrow-bench-empty');
    const [content, width] = await panel.locator('.panel-body').evaluate((body) => [body.scrollWidth, body.clientWidth]);
    assert.ok(content <= width, `the benchmark controls reach ${content - width}px past the panel`);
  } finally {
    await page.unroute('**/admin/local/bench');
  }
});

test('logs: times, tokens, cost and latency are shown whole, and the model name is not squeezed out', { skip }, async () => {
  await page.getByTestId('nav-logs').click();
  await page.getByTestId('log-row').first().waitFor();
  await screenshot(page, 'narrow-logs');
  assert.equal(await pageOverflow(), 0);
  const clipped = await page.evaluate(() => {
    const cut: string[] = [];
    for (const row of document.querySelectorAll('[data-testid="log-row"]')) {
      const cells = [...row.querySelectorAll('[role="gridcell"]')] as HTMLElement[];
      // Time, then the numeric columns; the text columns ellipsize by design and carry a tooltip.
      for (const cell of [cells[0], ...cells.filter((candidate) => candidate.classList.contains('numeric'))]) {
        if (cell !== undefined && cell.scrollWidth > cell.clientWidth) cut.push(cell.textContent ?? '');
      }
    }
    return cut;
  });
  assert.deepEqual(clipped, [], 'no time or number is cut off with an ellipsis');
  const modelCell = page.getByTestId('log-row').filter({ hasText: 'claude-sonnet-4-5' }).first().getByRole('gridcell').nth(2);
  assert.ok(await modelCell.evaluate((cell) => cell.scrollWidth <= cell.clientWidth), 'claude-sonnet-4-5 fits its column');
  // A status shortened to "529 …" still names its error on hover, and each figure sits under its heading.
  assert.equal(await page.getByTestId('log-row').filter({ hasText: '529' }).first().getByRole('gridcell').nth(1).getAttribute('title'), 'provider_overloaded');
  const alignments = await page.getByTestId('log-table').getByRole('columnheader').evaluateAll((headers) => headers.map((header) => `${header.textContent}:${getComputedStyle(header).textAlign}`));
  assert.deepEqual(alignments.slice(4), ['In:right', 'Out:right', 'Cost:right', 'TTFT:right', 'Latency:right']);
  // A request answered without streaming is marked, and the mark says what it means.
  const marked = page.getByTestId('log-not-streamed').first();
  assert.equal(await marked.innerText(), 'sync');
  assert.match(await marked.evaluate((tag) => tag.closest('[role="gridcell"]')?.getAttribute('title') ?? ''), /gpt-4\.1-mini \(not streamed: /);
});

/** The most lines any occurrence of `needle` is drawn across inside the element with `testId` (1 when none is broken, 0 when absent). */
const linesSpanned = (testId: string, needle: string): Promise<number> => page.getByTestId(testId).evaluate((element, text) => {
  let most = 0;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    for (let start = node.textContent?.indexOf(text) ?? -1; start >= 0; start = node.textContent?.indexOf(text, start + 1) ?? -1) {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + text.length);
      most = Math.max(most, new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size);
    }
  }
  return most;
}, needle);

test('logs: a long unbroken error stays inside its box in the request drawer', { skip }, async () => {
  await page.locator('[data-testid="log-row"] [title="provider_bad_response"]').first().click();
  const error = page.getByTestId('log-error');
  await error.getByText('provider_bad_response').waitFor();
  await screenshot(page, 'narrow-log-error');
  const [content, width] = await error.evaluate((element) => [element.scrollWidth, element.clientWidth]);
  assert.ok(content <= width, `the error runs ${content - width}px past its box`);
  await page.keyboard.press('Escape');
});

test('setup: a snippet wraps between words and never splits an option such as --undo', { skip }, async () => {
  await page.getByTestId('nav-setup').click();
  await page.getByTestId('shell-tab-bash').click();
  await page.getByTestId('snippet-persist').getByText('--undo', { exact: false }).waitFor();
  await screenshot(page, 'narrow-setup');
  for (const option of ['configure-claude', '--rc', '--undo']) assert.equal(await linesSpanned('snippet-persist', option), 1, `"${option}" is drawn on one line`);
});

test('setup: on a page longer than the window the sidebar runs its full length, and its links stay in view', { skip }, async () => {
  await page.getByTestId('nav-setup').click();
  await page.getByTestId('doctor-list').waitFor();
  const [sidebarHeight, pageHeight, windowHeight] = await page.evaluate(() => [document.querySelector('[data-testid="sidebar"]')!.getBoundingClientRect().height, document.documentElement.scrollHeight, window.innerHeight]);
  assert.ok(pageHeight > windowHeight, 'the page is long enough to scroll');
  assert.ok(sidebarHeight >= pageHeight, `the sidebar stops ${pageHeight - sidebarHeight}px short of the page's end`);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const [linkTop, streamBottom] = await page.evaluate(() => [document.querySelector('[data-testid="nav-setup"]')!.getBoundingClientRect().top, document.querySelector('[data-testid="stream-state"]')!.getBoundingClientRect().bottom]);
  assert.ok(linkTop >= 0 && streamBottom <= windowHeight, 'the links and the live indicator are on screen');
  await page.evaluate(() => window.scrollTo(0, 0));
});

test('setup on Windows: the PowerShell profiles, the cmd hint and a skipped edition with its fix fit a small window', { skip }, async () => {
  await onWindowsSetup({ server, page }, async () => {
    await page.getByTestId('claude-apply').click();
    await page.getByTestId('setup-skipped').waitFor();
    await screenshot(page, 'narrow-setup-windows');
    assert.equal(await pageOverflow(), 0);
    // The fix quoted in the message wraps between words, as the snippets do: "-" and "Scope" on two lines reads as two words.
    for (const word of ['Set-ExecutionPolicy', '-Scope']) assert.equal(await linesSpanned('setup-skipped', word), 1, `"${word}" is drawn on one line`);
    for (const testId of ['cmd-hint', 'snippet-persist', 'setup-skipped']) {
      const [content, width] = await page.getByTestId(testId).evaluate((element) => [element.scrollWidth, element.clientWidth]);
      assert.ok(content <= width, `${testId} runs ${content - width}px past its box`);
    }
  });
});

test('no console errors or CSP violations in a small window', { skip }, () => {
  assert.deepEqual(pageErrors, []);
});
