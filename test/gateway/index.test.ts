import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from '../../gateway/index.ts';
import type { RequestRecord } from '../../gateway/store/log-store.ts';

function charged(id: string, startedAt: number, costUsd: number): RequestRecord {
  return {
    id, startedAt, clientProtocol: 'anthropic', modelRequested: 'claude-x', group: 'claude-x', route: 'cloud', deploymentId: 'cloud-1', provider: 'anthropic',
    stream: true, status: 200, errorType: null, errorMessage: null, latencyMs: 10, ttftMs: 2, inputTokens: 100, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0,
    costUsd, attempts: 1, requestBody: null, responseBody: null,
  };
}

test('spendTodayUsd sums what requests started since local midnight cost, including ones still queued for the store', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-spend-today-'));
  const configPath = path.join(dir, 'config.yaml');
  writeFileSync(configPath, 'model_list: []\n');
  const gateway = await startGateway({ configPath, dataDir: dir, port: 0, env: { OLLAMA_HOST: '127.0.0.1:9' }, log: () => undefined, uiDir: undefined });
  try {
    const now = new Date(2026, 10, 23, 0, 30).getTime();
    assert.equal(gateway.spendTodayUsd(now), 0);
    gateway.runtime.logStore.record(charged('yesterday', new Date(2026, 10, 22, 23, 59).getTime(), 1));
    gateway.runtime.logStore.record(charged('after-midnight', new Date(2026, 10, 23, 0, 1).getTime(), 0.25));
    gateway.runtime.logStore.record(charged('just-now', new Date(2026, 10, 23, 0, 29).getTime(), 0.125));
    assert.equal(gateway.spendTodayUsd(now), 0.375);
    assert.equal(gateway.spendTodayUsd(new Date(2026, 10, 24, 0, 0).getTime()), 0, 'the next day starts from zero');
  } finally {
    await gateway.close({ graceMs: 500 });
    rmSync(dir, { recursive: true, force: true });
  }
});
