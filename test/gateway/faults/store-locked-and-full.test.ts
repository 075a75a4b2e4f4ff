/**
 * The request log's disk refuses writes while requests keep coming: they are still served,
 * readiness says why the store is unhealthy, and once the disk accepts writes again every
 * request has exactly one record.
 *
 * "Locked" is real: a second connection holds an exclusive transaction on gatehouse.db.
 * "Disk full" is simulated honestly inside SQLite: the gateway's own connection gets a
 * `max_page_count` at its current size, so the next page it needs fails with SQLITE_FULL,
 * the same error a full file system gives. The connection is captured by wrapping
 * better-sqlite3's `pragma()` while the gateway opens its database (no hook in the product).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, twoProtocolConfig, type TestGateway } from '../../helpers/start-test-gateway.ts';
import { postChat, readiness, waitFor } from '../../helpers/gateway-requests.ts';

let upstream: MockUpstream;
let harness: TestGateway;
let gatewayConnection: Database.Database;

/** Starts the gateway and returns it with the better-sqlite3 connection it opened on gatehouse.db. */
async function startCapturingDatabase(configYaml: string): Promise<{ harness: TestGateway; connection: Database.Database }> {
  const opened = new Set<Database.Database>();
  const original = Database.prototype.pragma;
  Database.prototype.pragma = function capture(this: Database.Database, ...args: Parameters<typeof original>) {
    if (path.basename(this.name) === 'gatehouse.db') opened.add(this);
    return original.apply(this, args);
  } as typeof original;
  try {
    const started = await startTestGateway(configYaml);
    const connection = [...opened].find((candidate) => candidate.name === path.join(started.dataDir, 'gatehouse.db'));
    assert.ok(connection, 'the gateway opened its database through better-sqlite3');
    return { harness: started, connection };
  } finally {
    Database.prototype.pragma = original;
  }
}

before(async () => {
  upstream = await startMockUpstream();
  ({ harness, connection: gatewayConnection } = await startCapturingDatabase(twoProtocolConfig(upstream.url)));
});

after(async () => {
  await harness.stop();
  await upstream.close();
});

/** Every stored id, paging with the cursor: a busy few seconds can exceed one page. */
function storedIds(): string[] {
  const ids: string[] = [];
  let cursor: string | null | undefined;
  do {
    const page = harness.gateway.runtime.logStore.query({ limit: 1000, ...(cursor ? { cursor } : {}) });
    ids.push(...page.records.map((record) => record.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/**
 * Sends a mix of both protocols, streamed and not, for at least `minimumMs`; returns the request
 * ids the gateway answered with and the slowest request's latency.
 */
async function sendMixedRequests(count: number, minimumMs = 0): Promise<{ ids: string[]; slowestMs: number }> {
  const ids: string[] = [];
  let slowestMs = 0;
  const started = Date.now();
  for (let index = 0; index < count || Date.now() - started < minimumMs; index += 1) {
    const anthropic = index % 2 === 0;
    const sentAt = performance.now();
    const reply = await postChat(harness.gateway.url, anthropic ? 'anthropic' : 'openai', {
      model: anthropic ? 'claude-mock' : 'gpt-mock',
      stream: index % 4 < 2,
    });
    slowestMs = Math.max(slowestMs, performance.now() - sentAt);
    assert.equal(reply.status, 200, `request ${index} was served while the store refused writes: ${reply.text}`);
    assert.match(reply.text, /Hello/);
    assert.ok(reply.requestId);
    ids.push(reply.requestId);
  }
  return { ids, slowestMs };
}

function assertOneRecordEach(ids: string[]): void {
  const counts = new Map<string, number>();
  for (const id of storedIds()) counts.set(id, (counts.get(id) ?? 0) + 1);
  const missing = ids.filter((id) => counts.get(id) === undefined);
  assert.deepEqual(missing, [], 'every request has a record');
  assert.ok(ids.every((id) => counts.get(id) === 1), 'and only one');
}

async function waitForStoreProblem(): Promise<string> {
  let detail = '';
  await waitFor('readiness to report the store problem', async () => {
    const report = await readiness(harness.gateway.url);
    detail = report.body.checks.store?.detail ?? '';
    return report.status === 503 && report.body.checks.store?.ok === false;
  });
  return detail;
}

async function waitForStoreRecovery(): Promise<void> {
  // The writer retries with backoff capped at 5 s.
  await waitFor('the queued records to be written', async () => (await readiness(harness.gateway.url)).status === 200, 15_000);
}

test('an exclusive lock held by another process: served, reported, then every record written once', async () => {
  const blocker = new Database(path.join(harness.dataDir, 'gatehouse.db'));
  try {
    blocker.exec('BEGIN EXCLUSIVE');
    // Long enough for several retries: each one waits for the lock on the event loop.
    const { ids, slowestMs } = await sendMixedRequests(12, 3_000);
    assert.ok(slowestMs < 1_000, `a retry against the lock stalled requests for ${Math.round(slowestMs)} ms`);
    const detail = await waitForStoreProblem();
    assert.match(detail, /could not be written \(database is locked\)/);
    assert.match(detail, /records are kept in memory and will be retried/);
    assert.ok(harness.gateway.runtime.logStore.health().queued >= ids.length);
    blocker.exec('ROLLBACK');
    await waitForStoreRecovery();
    assertOneRecordEach(ids);
  } finally {
    if (blocker.inTransaction) blocker.exec('ROLLBACK');
    blocker.close();
  }
});

test('a full disk (SQLITE_FULL): served, reported, then every record written once', async () => {
  const pages = gatewayConnection.pragma('page_count', { simple: true }) as number;
  gatewayConnection.pragma(`max_page_count = ${pages}`);
  try {
    // Each record takes a few hundred bytes: enough requests to need a page the file may not grow by.
    const { ids } = await sendMixedRequests(60);
    const detail = await waitForStoreProblem();
    assert.match(detail, /could not be written \(database or disk is full\)/);
    gatewayConnection.pragma('max_page_count = 1073741823');
    await waitForStoreRecovery();
    assertOneRecordEach(ids);
  } finally {
    gatewayConnection.pragma('max_page_count = 1073741823');
  }
});
