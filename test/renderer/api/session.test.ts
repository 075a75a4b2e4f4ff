import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GatehouseBridge } from '../../../electron/ipc/contract.ts';
import { openAdminSession, tokenFromFragment } from '../../../renderer/api/session.ts';

function environment(hash: string, bridge?: GatehouseBridge) {
  const requests: { url: string; body: unknown }[] = [];
  const replaced: string[] = [];
  const fetchStub = (async (url: string, init: { body: string }) => {
    requests.push({ url, body: JSON.parse(init.body) });
    return { ok: true, status: 204 };
  }) as unknown as typeof fetch;
  return {
    requests,
    replaced,
    env: { location: { hash, pathname: '/ui/', search: '' }, history: { replaceState: (_state: unknown, _title: string, url?: string | URL | null) => void replaced.push(String(url)) }, bridge, fetch: fetchStub },
  };
}

test('the fragment token is exchanged for a cookie by POST, then erased from the URL, keeping the page', async () => {
  const { env, requests, replaced } = environment('#/logs&token=abc%2F123');
  const connection = await openAdminSession(env);
  assert.deepEqual(requests, [{ url: '/admin/session', body: { token: 'abc/123' } }]);
  assert.deepEqual(replaced, ['/ui/#/logs']);
  assert.deepEqual(connection, { baseUrl: '', token: null, notice: null });
});

test('no token: no exchange, nothing rewritten (the cookie from earlier still works)', async () => {
  const { env, requests, replaced } = environment('#/spend');
  await openAdminSession(env);
  assert.deepEqual([requests, replaced], [[], []]);
  assert.equal(tokenFromFragment('#token=t1'), 't1');
  assert.equal(tokenFromFragment('#/overview'), null);
});

test('desktop: the bridge supplies URL and token, kept in memory for the bearer header', async () => {
  const bridge = { connection: async () => ({ adminUrl: 'http://127.0.0.1:5000/', adminToken: 'desk', portNotice: 'Port 4747 was in use' }) } as unknown as GatehouseBridge;
  const { env, requests } = environment('', bridge);
  const connection = await openAdminSession(env);
  assert.deepEqual(requests, [{ url: 'http://127.0.0.1:5000/admin/session', body: { token: 'desk' } }]);
  assert.deepEqual(connection, { baseUrl: 'http://127.0.0.1:5000', token: 'desk', notice: 'Port 4747 was in use' });
});
