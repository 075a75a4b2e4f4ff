import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { startMockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, twoProtocolConfig } from '../../helpers/start-test-gateway.ts';

const OLD_TOKEN = 'gh-admin-old-token-0123456789';
const NEW_TOKEN = 'gh-admin-new-token-9876543210';

test('a reload that changes admin_token stops the old token, its dashboard sessions and event streams at once', async () => {
  const upstream = await startMockUpstream();
  const config = (token: string) => twoProtocolConfig(upstream.url, `gatehouse: { server: { admin_token: ${token} } }\n`);
  const harness = await startTestGateway(config(OLD_TOKEN));
  const { url } = harness.gateway;
  const status = (headers: Record<string, string>) => fetch(`${url}/admin/status`, { headers });
  try {
    const created = await fetch(`${url}/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: OLD_TOKEN }) });
    assert.equal(created.status, 204);
    const cookie = (created.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.equal((await status({ cookie })).status, 200);
    const events = await fetch(`${url}/admin/events`, { headers: { cookie } });
    assert.equal(events.status, 200);
    const streamEnded = events.text();

    writeFileSync(harness.configPath, config(NEW_TOKEN));
    assert.equal(harness.gateway.reload().ok, true);

    assert.equal((await status({ authorization: `Bearer ${OLD_TOKEN}` })).status, 401);
    const signedOut = await status({ cookie });
    assert.equal(signedOut.status, 401);
    const body = (await signedOut.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'caller_unauthenticated');
    assert.match(body.error.message, /admin token was changed in the config .*sign in again with the new token/);
    assert.match(await streamEnded, /event: stream\.ready/, 'the open event stream was ended');

    assert.equal((await status({ authorization: `Bearer ${NEW_TOKEN}` })).status, 200);
    assert.equal(harness.gateway.adminToken, NEW_TOKEN, 'the handle (and so the desktop app) hands out the new token');
    assert.ok(harness.logs.some((line) => line.includes('the admin token changed')));
  } finally {
    await harness.stop();
    await upstream.close();
  }
});
