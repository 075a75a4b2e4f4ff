import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdminRequestError } from '../../../renderer/api/client.ts';
import { createAppStore } from '../../../renderer/store/app-store.ts';
import { fakeApi } from '../fake-api.ts';

const SIGNED_OUT = 'The admin token was changed in the config (gatehouse.server.admin_token), which signed this dashboard out: sign in again with the new token (POST /admin/session).';

test('a 401 signs the dashboard out with the gateway\'s reason instead of stacking error notices', async () => {
  const store = createAppStore(fakeApi({
    status: () => Promise.reject(new AdminRequestError(401, 'caller_unauthenticated', SIGNED_OUT)),
    routes: () => Promise.reject(new AdminRequestError(401, 'caller_unauthenticated', SIGNED_OUT)),
  }));
  await store.getState().loadStatus();
  await store.getState().loadRoutes();
  assert.equal(store.getState().signedOut, SIGNED_OUT);
  assert.deepEqual(store.getState().notices, []);
});

test('other failures stay notices and keep the dashboard signed in', async () => {
  const store = createAppStore(fakeApi({ status: () => Promise.reject(new AdminRequestError(503, 'gateway_unavailable', 'store busy')) }));
  await store.getState().loadStatus();
  assert.equal(store.getState().signedOut, null);
  assert.deepEqual(store.getState().notices.map((notice) => notice.text), ['store busy']);
});

test('checkAccess: a gateway that is down is retried, one that answers 401 is not', async () => {
  let answer: Error = new TypeError('Failed to fetch');
  const store = createAppStore(fakeApi({ status: () => Promise.reject(answer) }));
  assert.equal(await store.getState().checkAccess(), true);
  assert.equal(store.getState().signedOut, null);
  answer = new AdminRequestError(401, 'caller_unauthenticated', 'no session');
  assert.equal(await store.getState().checkAccess(), false);
  assert.equal(store.getState().signedOut, 'no session');
});
