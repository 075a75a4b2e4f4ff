import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { anthropicTextStream, startMockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY, twoProtocolConfig } from '../../helpers/start-test-gateway.ts';
import { postChat, waitFor } from '../../helpers/gateway-requests.ts';

test('a stream still open when the grace period ends is cut off, and its record is written before the store closes', async () => {
  const upstream = await startMockUpstream();
  // The upstream sends message_start and then goes silent: the stream outlives any grace period.
  upstream.script(() => ({ kind: 'sse', frames: anthropicTextStream('a long answer that never finishes'), stallAfter: 3 }));
  const harness = await startTestGateway(twoProtocolConfig(upstream.url));
  try {
    const url = new URL(harness.gateway.url);
    let received = '';
    const ended = new Promise<void>((resolve) => {
      const client = request({ host: url.hostname, port: url.port, path: '/v1/messages', method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': TEST_MASTER_KEY } }, (response) => {
        response.on('data', (chunk: Buffer) => { received += chunk.toString(); });
        response.on('close', resolve);
      });
      client.on('error', () => resolve());
      client.end(JSON.stringify({ model: 'claude-mock', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'hi' }] }));
    });
    await waitFor('the stream to start', () => received.includes('message_start'));

    await harness.gateway.close({ graceMs: 200 });
    await ended;

    const database = new Database(path.join(harness.dataDir, 'gatehouse.db'), { readonly: true });
    const rows = database.prepare('SELECT model_requested, input_tokens, error_type FROM requests').all() as { model_requested: string; input_tokens: number; error_type: string | null }[];
    database.close();
    assert.equal(rows.length, 1, 'the cut-off request has its record');
    assert.equal(rows[0]?.model_requested, 'claude-mock');
    assert.equal(rows[0]?.input_tokens, 12, 'with the usage seen before the cut');
  } finally {
    await upstream.close();
    rmSync(harness.dataDir, { recursive: true, force: true });
  }
});

test('when the last write of the request log is refused, close() still closes the database and reports the lost records once', async () => {
  const upstream = await startMockUpstream();
  const harness = await startTestGateway(twoProtocolConfig(upstream.url));
  const file = path.join(harness.dataDir, 'gatehouse.db');
  // Another process holds the write lock through shutdown: every write of the log fails with "database is locked".
  const holder = new Database(file);
  try {
    holder.exec('BEGIN EXCLUSIVE');
    const reply = await postChat(harness.gateway.url, 'openai', { model: 'gpt-mock' });
    assert.equal(reply.status, 200);

    await harness.gateway.close({ graceMs: 200 });

    const reports = harness.logs.filter((line) => line.startsWith('request log:'));
    assert.deepEqual(reports, ['request log: 1 record could not be written at shutdown and is lost (database is locked).']);
    holder.exec('ROLLBACK');
    holder.close();
    // The last connection to close removes the write-ahead log: the gateway's was closed before ours.
    assert.equal(existsSync(`${file}-wal`), false, 'the gateway closed its database');
  } finally {
    if (holder.open) holder.close();
    await upstream.close();
    rmSync(harness.dataDir, { recursive: true, force: true });
  }
});
