import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdminRequestError, createAdminClient } from '../../../renderer/api/client.ts';

function recordingFetch(status: number, payload: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchStub = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return { ok: status < 400, status, json: async () => payload };
  }) as unknown as typeof fetch;
  return { calls, fetchStub };
}

test('queries skip empty values, path segments are encoded, the bearer token is sent when known', async () => {
  const { calls, fetchStub } = recordingFetch(200, { items: [], nextCursor: null });
  const client = createAdminClient({ baseUrl: 'http://127.0.0.1:4747', token: 'desk', fetch: fetchStub });
  await client.logs({ since: 5, route: undefined, status: 'error', limit: 50 });
  await client.loadModel('library/qwen3:8b');
  assert.equal(calls[0]?.url, 'http://127.0.0.1:4747/admin/logs?since=5&status=error&limit=50');
  assert.equal(calls[1]?.url, 'http://127.0.0.1:4747/admin/local/models/library%2Fqwen3%3A8b/load');
  assert.equal((calls[0]?.init.headers as Record<string, string>).authorization, 'Bearer desk');
  assert.equal(client.spendCsvUrl({ from: '2026-01-01', to: '2026-01-31' }), 'http://127.0.0.1:4747/admin/spend.csv?from=2026-01-01&to=2026-01-31');
});

test('errors carry the gateway error type and message', async () => {
  const { fetchStub } = recordingFetch(409, { error: { type: 'caller_invalid_request', message: 'model is already being pulled' } });
  const client = createAdminClient({ baseUrl: '', token: null, fetch: fetchStub });
  await assert.rejects(client.pull('qwen3:8b'), AdminRequestError);
  await client.pull('qwen3:8b').catch((error: AdminRequestError) => {
    assert.equal(error.type, 'caller_invalid_request');
    assert.equal(error.message, 'model is already being pulled');
  });
});
