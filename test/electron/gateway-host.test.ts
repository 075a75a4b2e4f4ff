import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWithPortFallback, type HostedGateway } from '../../electron/gateway-host.ts';

function fakeGateway(port: number): HostedGateway {
  return { url: `http://127.0.0.1:${port}`, port, adminToken: 't', dataDir: '/tmp', routes: () => [], setRouteEnabled: () => undefined, reload: () => undefined, close: async () => undefined };
}

test('the configured port is used when free', async () => {
  const started = await startWithPortFallback(async (port) => fakeGateway(port ?? 4747), 4747);
  assert.equal(started.gateway.port, 4747);
  assert.equal(started.portNotice, null);
});

test('a busy port falls back to a free one and says so', async () => {
  const tried: (number | undefined)[] = [];
  const started = await startWithPortFallback(async (port) => {
    tried.push(port);
    if (port === 4747) throw new Error('Port 4747 on 127.0.0.1 is already in use.');
    return fakeGateway(51234);
  }, 4747);
  assert.deepEqual(tried, [4747, 0]);
  assert.match(started.portNotice ?? '', /Port 4747 was in use.*port 51234/);
});

test('other start failures are not hidden', async () => {
  await assert.rejects(startWithPortFallback(async () => {
    throw new Error('config is invalid');
  }, 4747), /config is invalid/);
});
