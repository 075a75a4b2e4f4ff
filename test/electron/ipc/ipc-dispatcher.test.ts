import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIpcDispatcher, IpcRejectedError, type IpcHandlers } from '../../../electron/ipc/ipc-dispatcher.ts';

const calls: unknown[] = [];
const handlers: IpcHandlers = {
  'gateway:connection': () => ({ adminUrl: 'http://127.0.0.1:4747', adminToken: 'token', portNotice: null }),
  'secrets:list': () => [],
  'secrets:set': (argument) => {
    calls.push(argument);
    return { provider: argument.provider, stored: true, encryptionAvailable: true };
  },
  'secrets:delete': (argument) => ({ provider: argument.provider, stored: false, encryptionAvailable: true }),
  'app:get-open-at-login': () => false,
  'app:set-open-at-login': (argument) => argument.enabled,
  'app:reveal-data-folder': () => undefined,
  'app:quit': () => undefined,
};
const dispatch = createIpcDispatcher(handlers, (url) => url.startsWith('http://127.0.0.1:4747/ui/'));
const dashboard = 'http://127.0.0.1:4747/ui/#/settings';

test('a valid call from the dashboard reaches its handler with the parsed argument', async () => {
  const result = await dispatch('secrets:set', dashboard, { provider: 'anthropic', key: '  sk-ant-0123456789  ' });
  assert.deepEqual(result, { provider: 'anthropic', stored: true, encryptionAvailable: true });
  assert.deepEqual(calls.at(-1), { provider: 'anthropic', key: 'sk-ant-0123456789' });
  assert.equal(await dispatch('app:set-open-at-login', dashboard, { enabled: true }), true);
});

test('calls from any other frame are refused', async () => {
  await assert.rejects(dispatch('gateway:connection', 'https://evil.example/', undefined), IpcRejectedError);
  await assert.rejects(dispatch('gateway:connection', undefined, undefined), IpcRejectedError);
});

test('malformed arguments are refused before any handler runs', async () => {
  const before = calls.length;
  await assert.rejects(dispatch('secrets:set', dashboard, { provider: 'nope', key: 'sk-ant-0123456789' }), IpcRejectedError);
  await assert.rejects(dispatch('secrets:set', dashboard, { provider: 'openai', key: 'short' }), IpcRejectedError);
  await assert.rejects(dispatch('secrets:set', dashboard, { provider: 'openai', key: 'sk-0123456789', extra: 1 }), IpcRejectedError);
  await assert.rejects(dispatch('app:set-open-at-login', dashboard, { enabled: 'yes' }), IpcRejectedError);
  await assert.rejects(dispatch('app:quit', dashboard, { now: true }), IpcRejectedError);
  assert.equal(calls.length, before);
});
