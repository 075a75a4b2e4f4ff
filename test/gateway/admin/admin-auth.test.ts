import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { MAX_FAILURES_PER_WINDOW } from '../../../gateway/server/auth-failure-limiter.ts';
import { startAdminFixture, type AdminFixture } from './admin-fixture.ts';

describe('admin auth', () => {
  let fixture: AdminFixture;
  before(async () => {
    fixture = await startAdminFixture();
  });
  after(() => fixture.stop());

  test('401 without a token, with a wrong one, and with the proxy key', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', `Bearer ${TEST_MASTER_KEY}`]) {
      const response = await fetch(`${fixture.url}/admin/status`, { headers: authorization ? { authorization } : {} });
      assert.equal(response.status, 401);
      const body = (await response.json()) as { error: { type: string } };
      assert.equal(body.error.type, 'caller_unauthenticated');
    }
  });

  test('the admin token opens it; no CORS grant is ever sent', async () => {
    const response = await fixture.admin('/admin/status');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  test('403 for a foreign Origin even with the right token; the own origin passes', async () => {
    const foreign = await fixture.admin('/admin/status', { headers: { authorization: `Bearer ${fixture.token}`, origin: 'http://evil.example' } });
    assert.equal(foreign.status, 403);
    assert.deepEqual(Object.keys((foreign.body as { error: object }).error).sort(), ['message', 'type']);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const port = new URL(fixture.url).port;
    const own = await fixture.admin('/admin/status', { headers: { authorization: `Bearer ${fixture.token}`, origin: `http://localhost:${port}` } });
    assert.equal(own.status, 200);
    const preflight = await fetch(`${fixture.url}/admin/status`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' } });
    assert.equal(preflight.status, 403);
  });

  test('session cookie: token exchanged for an HttpOnly SameSite=Strict random id, cleared by DELETE', async () => {
    const wrong = await fixture.admin('/admin/session', { method: 'POST', json: { token: 'not-the-admin-token' }, headers: { cookie: 'x=y' } });
    assert.equal(wrong.status, 401);
    const created = await fixture.admin('/admin/session', { method: 'POST', json: { token: fixture.token }, headers: { cookie: 'x=y' } });
    assert.equal(created.status, 204);
    const setCookie = created.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\//);
    assert.ok(!setCookie.includes(fixture.token));
    const cookie = setCookie.split(';')[0]!;
    // Cookies are shared by every port of a host: a second gateway on this machine must not overwrite this one's.
    assert.match(cookie, new RegExp(`^gatehouse_session_${new URL(fixture.url).port}=`));
    assert.equal((await fixture.admin('/admin/routes', { headers: { cookie: `gatehouse_session_1=another-gateways-session; ${cookie}` } })).status, 200);
    assert.equal((await fixture.admin('/admin/session', { method: 'DELETE', headers: { cookie } })).status, 204);
    assert.equal((await fixture.admin('/admin/routes', { headers: { cookie } })).status, 401);
  });

  test('the unauthenticated session exchange reads no more than a token needs', async () => {
    const response = await fixture.admin('/admin/session', { method: 'POST', json: { token: 'x'.repeat(64 * 1024) } });
    assert.equal(response.status, 413);
    assert.equal((response.body as { error: { type: string } }).error.type, 'caller_payload_too_large');
  });

  test('bodies and queries are validated with the contract, naming the field', async () => {
    const response = await fixture.admin('/admin/routes/anthropic', { method: 'POST', json: { enabled: 'yes' } });
    assert.equal(response.status, 400);
    assert.match((response.body as { error: { message: string } }).error.message, /enabled/);
    const query = await fixture.admin('/admin/logs?limit=0');
    assert.equal(query.status, 400);
    assert.match((query.body as { error: { message: string } }).error.message, /limit/);
    assert.equal((await fixture.admin('/admin/nope')).status, 404);
  });
});

describe('admin auth failure limit', () => {
  let fixture: AdminFixture;
  before(async () => {
    fixture = await startAdminFixture();
  });
  after(() => fixture.stop());

  test(`after ${MAX_FAILURES_PER_WINDOW} wrong tokens a minute, 429 with retry-after, even for the right token`, async () => {
    for (let attempt = 0; attempt < MAX_FAILURES_PER_WINDOW; attempt += 1) {
      assert.equal((await fixture.admin('/admin/status', { headers: { authorization: 'Bearer guess-guess-guess' } })).status, 401);
    }
    const limited = await fixture.admin('/admin/status');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });
});
