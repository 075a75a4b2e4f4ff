import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../gateway/store/sqlite-database.ts';
import { SqliteLogStore, localDay } from '../../../gateway/store/sqlite-log-store.ts';
import type { RequestRecord } from '../../../gateway/store/log-store.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshStore() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-store-'));
  dirs.push(dir);
  const database = openDatabase(dir);
  return { database, store: new SqliteLogStore(database) };
}

const day = Date.UTC(2026, 10, 23, 12);
let sequence = 0;
function record(overrides: Partial<RequestRecord> = {}): RequestRecord {
  sequence += 1;
  return {
    id: `req-${String(sequence).padStart(4, '0')}`,
    startedAt: day + sequence,
    clientProtocol: 'anthropic',
    modelRequested: 'claude-x',
    group: 'claude-x',
    route: 'cloud',
    deploymentId: 'cloud-1',
    provider: 'anthropic',
    stream: true,
    status: 200,
    errorType: null,
    errorMessage: null,
    latencyMs: 12.5,
    ttftMs: 3.25,
    inputTokens: 100,
    outputTokens: 10,
    cacheReadTokens: 5,
    cacheWriteTokens: 1,
    costUsd: 0.5,
    attempts: 1,
    ...overrides,
  };
}

test('records round-trip field for field, and spend rolls up per day × route × model within one batch', () => {
  const { store } = freshStore();
  const first = record({ requestBody: '{"a":1}', responseBody: null });
  store.record(first);
  store.record(record());
  store.record(record({ route: 'local', deploymentId: 'ollama', group: 'qwen', costUsd: 0 }));
  store.record(record({ deploymentId: null, route: null, group: null, status: 404, errorType: 'caller_not_found', costUsd: 0, inputTokens: 0, outputTokens: 0 }));
  store.flush();
  assert.deepEqual(store.get(first.id), { ...first, responseBody: null });
  const rows = store.spend(localDay(day), localDay(day));
  assert.deepEqual(rows, [
    { day: localDay(day), route: 'cloud', model: 'claude-x', requests: 2, inputTokens: 200, outputTokens: 20, costUsd: 1 },
    { day: localDay(day), route: 'local', model: 'qwen', requests: 1, inputTokens: 100, outputTokens: 10, costUsd: 0 },
  ]);
  assert.equal(store.spentSince(day, { route: 'cloud' }), 1);
  assert.equal(store.spentSince(day), 1);
  store.close();
});

test('queries page newest first with a cursor and filter by route, model and status', () => {
  const { store } = freshStore();
  for (let index = 0; index < 5; index += 1) store.record(record());
  store.record(record({ status: 502, errorType: 'provider_server_error', route: 'local', modelRequested: 'qwen' }));
  const firstPage = store.query({ limit: 4 });
  assert.equal(firstPage.records.length, 4);
  assert.ok(firstPage.nextCursor);
  const secondPage = store.query({ limit: 4, cursor: firstPage.nextCursor });
  assert.equal(secondPage.records.length, 2);
  assert.equal(secondPage.nextCursor, null);
  const all = [...firstPage.records, ...secondPage.records];
  assert.deepEqual(all.map((entry) => entry.startedAt), [...all.map((entry) => entry.startedAt)].sort((a, b) => b - a));
  assert.equal(store.query({ status: 'error' }).records.length, 1);
  assert.equal(store.query({ status: 'ok' }).records.length, 5);
  assert.equal(store.query({ route: 'local' }).records[0]?.modelRequested, 'qwen');
  assert.equal(store.query({ model: 'qwen' }).records.length, 1);
  store.close();
});

test('a write the database refuses keeps every record queued, reports it, and lands them later', () => {
  const { database, store } = freshStore();
  const pageCount = database.pragma('page_count', { simple: true }) as number;
  database.pragma(`max_page_count = ${pageCount}`);
  for (let index = 0; index < 300; index += 1) store.record(record({ requestBody: 'x'.repeat(2000) }));
  assert.throws(() => store.flush());
  const health = store.health();
  assert.equal(health.ok, false);
  assert.equal(health.queued, 300);
  assert.match(health.lastError ?? '', /kept in memory and will be retried/);
  database.pragma('max_page_count = 1073741823');
  store.flush();
  assert.deepEqual(store.health(), { ok: true, queued: 0, lastError: null });
  assert.equal(store.query({ limit: 1000 }).records.length, 300);
  store.close();
});

test('close() does not throw when the last write is refused: it says how many records were lost and why', () => {
  const { database, store } = freshStore();
  const pageCount = database.pragma('page_count', { simple: true }) as number;
  database.pragma(`max_page_count = ${pageCount}`);
  for (let index = 0; index < 300; index += 1) store.record(record({ requestBody: 'x'.repeat(2000) }));
  assert.deepEqual(store.close(), { lost: 300, reason: 'database or disk is full' });
  store.record(record());
  assert.equal(store.health().queued, 0, 'a closed store takes no more records');
  database.close();
});
