import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardCsp, isDashboardUrl, isExternalLinkAllowed } from '../../../electron/window/navigation-policy.ts';

const origin = 'http://127.0.0.1:4747';

test('only pages under /ui on the gateway origin count as the dashboard', () => {
  assert.equal(isDashboardUrl('http://127.0.0.1:4747/ui/#/logs', origin), true);
  assert.equal(isDashboardUrl('http://127.0.0.1:4747/ui', origin), true);
  assert.equal(isDashboardUrl('http://127.0.0.1:4747/admin/status', origin), false);
  assert.equal(isDashboardUrl('http://127.0.0.1:4748/ui/', origin), false);
  assert.equal(isDashboardUrl('http://localhost:4747/ui/', origin), false);
  assert.equal(isDashboardUrl('file:///etc/passwd', origin), false);
  assert.equal(isDashboardUrl('not a url', origin), false);
});

test('external links: https only', () => {
  assert.equal(isExternalLinkAllowed('https://ollama.com/library'), true);
  for (const url of ['http://example.com', 'file:///tmp/x', 'javascript:alert(1)', 'smb://host/share']) assert.equal(isExternalLinkAllowed(url), false, url);
});

test('the CSP allows no inline script and connects only to the gateway', () => {
  const csp = dashboardCsp(origin);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /connect-src 'self' http:\/\/127\.0\.0\.1:4747/);
  assert.doesNotMatch(csp, /unsafe-eval|\*/);
});
