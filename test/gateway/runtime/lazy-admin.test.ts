import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(import.meta.dirname, '../../..');

/** Modules only the admin API needs; loading them at startup cost 6 MiB of RSS (93 -> 87 MiB idle). */
const ADMIN_ONLY = [
  'gateway/admin/contract.ts',
  'gateway/admin/create-admin-handler.ts',
  'gateway/admin/local.ts',
  'gateway/server/admin-routes.ts',
  'gateway/local/hardware/hardware-probe.ts',
  'gateway/local/bench/run-ollama-benchmark.ts',
];

test('startup does not load the admin API; the first /admin request loads it and is answered', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-lazy-admin-'));
  const loads = path.join(dir, 'loads.txt');
  writeFileSync(loads, '');
  // Registered before the gateway is imported, so that every gateway module passes the hook.
  register('../../helpers/record-module-loads.mjs', import.meta.url, { data: { file: loads } });
  const loaded = () => new Set(readFileSync(loads, 'utf8').split('\n').filter(Boolean).map((url) => path.relative(root, fileURLToPath(url))));
  const { startGateway } = await import('../../../gateway/index.ts');
  const configPath = path.join(dir, 'config.yaml');
  writeFileSync(configPath, 'model_list: []\n');
  const gateway = await startGateway({ configPath, dataDir: dir, port: 0, env: { OLLAMA_HOST: '127.0.0.1:9' }, log: () => undefined, uiDir: undefined });
  try {
    const atStartup = loaded();
    assert.ok(atStartup.has('gateway/runtime/gateway-runtime.ts'), 'the hook sees the gateway modules');
    assert.deepEqual(ADMIN_ONLY.filter((file) => atStartup.has(file)), [], 'not loaded at startup');

    const response = await fetch(`${gateway.url}/admin/status`, { headers: { authorization: `Bearer ${gateway.adminToken}` } });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(typeof ((await response.json()) as { version?: unknown }).version, 'string');
    const afterAdmin = loaded();
    assert.deepEqual(ADMIN_ONLY.filter((file) => !afterAdmin.has(file)), [], 'loaded by the first admin request');

    const again = await fetch(`${gateway.url}/admin/routes`, { headers: { authorization: `Bearer ${gateway.adminToken}` } });
    assert.equal(again.status, 200, 'later requests reuse the handler');
  } finally {
    await gateway.close({ graceMs: 500 });
    rmSync(dir, { recursive: true, force: true });
  }
});
