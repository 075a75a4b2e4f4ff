import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from '../../gateway/index.ts';
import { startWithPortFallback, type HostedGateway } from '../../electron/gateway-host.ts';

function fakeGateway(port: number): HostedGateway {
  return { url: `http://127.0.0.1:${port}`, port, adminToken: 't', dataDir: '/tmp', routes: () => [], setRouteEnabled: () => undefined, reload: () => undefined, close: async () => undefined };
}

test('the configured port is used when free', async () => {
  const tried: (number | undefined)[] = [];
  const started = await startWithPortFallback(async (port) => {
    tried.push(port);
    return fakeGateway(4747);
  });
  assert.deepEqual(tried, [undefined], 'the gateway takes the port from its config');
  assert.equal(started.portNotice, null);
});

test('a busy configured port falls back to a free one and the notice names the busy port', async () => {
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const busy = (squatter.address() as AddressInfo).port;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-port-'));
  const configPath = path.join(dataDir, 'config.yaml');
  writeFileSync(configPath, `model_list: []\ngatehouse:\n  server:\n    port: ${busy}\n`);
  try {
    const started = await startWithPortFallback((port) => startGateway({ configPath, dataDir, port, env: {}, log: () => undefined, uiDir: undefined }));
    await started.gateway.close({ graceMs: 500 });
    assert.notEqual(started.gateway.port, busy);
    assert.match(started.portNotice ?? '', new RegExp(`^Port ${busy} was in use.*port ${started.gateway.port}`));
  } finally {
    squatter.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('other start failures are not hidden', async () => {
  await assert.rejects(startWithPortFallback(async () => {
    throw new Error('config is invalid');
  }), /config is invalid/);
});
