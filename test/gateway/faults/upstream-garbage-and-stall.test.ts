/**
 * Upstream faults beyond test/gateway/integration/faults-and-concurrency.test.ts: a 200 whose
 * body is not JSON, a 200 web page (an api_base that points at a web UI), and a stream that sends
 * its headers and first events and then goes silent.
 *
 * A silent stream ends one of two ways: the client gives up (one caller_cancelled record), or
 * the deployment's timeout passes with no new chunk and the gateway ends it with a protocol
 * error event (one provider_timeout record).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicTextStream, openaiTextStream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { postChat, waitFor } from '../../helpers/gateway-requests.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';

const setup = useGatewayWithMock();

const recordOf = (id: string) => setup.harness.gateway.runtime.logStore.get(id);
const latestRecord = () => setup.harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];

for (const { label, protocol, model } of [
  { label: 'Anthropic pass-through', protocol: 'anthropic', model: 'claude-mock' },
  { label: 'OpenAI pass-through', protocol: 'openai', model: 'gpt-mock' },
  { label: 'OpenAI client translated to an Anthropic upstream', protocol: 'openai', model: 'claude-mock' },
] as const) {
  test(`${label}: a 200 with a body that is not JSON is a protocol-shaped 502`, async () => {
    setup.upstream.script(() => ({ kind: 'json', body: '<html><body>Welcome to the hotel Wi-Fi</body></html>' }));
    try {
      const reply = await postChat(setup.harness.gateway.url, protocol, { model });
      assert.equal(reply.status, 502, reply.text);
      // The body is the gateway's own error in the client's protocol (it may quote the garbage), not the garbage.
      const body = JSON.parse(reply.text) as { type?: string; error?: { type?: string; message?: string } };
      if (protocol === 'anthropic') assert.equal(body.type, 'error');
      assert.equal(typeof body.error?.type, 'string');
      assert.match(body.error?.message ?? '', /\S/);
      const record = latestRecord();
      assert.equal(record?.modelRequested, model);
      assert.equal(record?.status, 502);
      assert.ok(record?.errorType);
    } finally {
      setup.upstream.script(undefined);
    }
  });
}

for (const stream of [false, true]) {
  test(`a 200 web page is a 502 that names api_base, ${stream ? 'before any byte of a stream' : 'for a JSON request'}`, async () => {
    setup.upstream.script(() => ({ kind: 'json', headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><html><body>Open WebUI</body></html>' }));
    try {
      const reply = await postChat(setup.harness.gateway.url, 'anthropic', { model: 'gpt-mock', stream });
      assert.equal(reply.status, 502, reply.text);
      const body = JSON.parse(reply.text) as { type?: string; error?: { message?: string } };
      assert.equal(body.type, 'error');
      assert.match(body.error?.message ?? '', /web page.*api_base/);
      assert.equal(latestRecord()?.errorType, 'provider_bad_response');
    } finally {
      setup.upstream.script(undefined);
    }
  });
}

for (const { protocol, model, frames } of [
  { protocol: 'anthropic', model: 'claude-mock', frames: anthropicTextStream('a long answer that stops halfway') },
  { protocol: 'openai', model: 'gpt-mock', frames: openaiTextStream('a long answer that stops halfway') },
] as const) {
  test(`${protocol}: a stream that goes silent after its first events ends when the client leaves, with one record`, async () => {
    setup.upstream.script(() => ({ kind: 'sse', frames, stallAfter: 4 }));
    const client = new AbortController();
    try {
      const anthropic = protocol === 'anthropic';
      const response = await fetch(`${setup.harness.gateway.url}${anthropic ? '/v1/messages' : '/v1/chat/completions'}`, {
        method: 'POST',
        signal: client.signal,
        headers: anthropic
          ? { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }
          : { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, stream: true, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
      });
      assert.equal(response.status, 200);
      const id = response.headers.get('x-gatehouse-request-id');
      assert.ok(id);
      const reader = response.body!.getReader();
      const first = await reader.read();
      assert.match(new TextDecoder().decode(first.value), /data: /, 'the first events reached the client');
      assert.equal(recordOf(id), undefined, 'no record while the stream is open');
      client.abort();
      await waitFor('the stalled stream to be recorded', () => recordOf(id) !== undefined);
      const record = recordOf(id)!;
      assert.equal(record.stream, true);
      assert.equal(record.status, 200, 'the client saw a 200 before the stall');
      assert.equal(record.errorType, 'caller_cancelled');
      assert.equal(record.attempts, 1, 'no retry after bytes reached the client');
    } finally {
      client.abort();
      setup.upstream.script(undefined);
    }
  });
}

test('a stream silent for longer than the deployment timeout is ended by the gateway with an error event', async () => {
  const strict = await startTestGateway(`
model_list:
  - model_name: impatient
    litellm_params: { model: anthropic/claude-upstream, api_base: ${setup.upstream.url}, timeout: 1 }
    model_info: { id: impatient }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`);
  try {
    setup.upstream.script(() => ({ kind: 'sse', frames: anthropicTextStream('a long answer that stops halfway'), stallAfter: 4 }));
    const started = Date.now();
    const response = await fetch(`${strict.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'impatient', stream: true, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await response.text();
    assert.ok(Date.now() - started < 10_000, 'ended by the gateway, not by a test timeout');
    assert.match(text, /event: error\ndata: \{"type":"error","error":\{"type":"api_error"/);
    assert.match(text, /went silent/);
    const id = response.headers.get('x-gatehouse-request-id')!;
    await waitFor('the record', () => strict.gateway.runtime.logStore.get(id) !== undefined);
    assert.equal(strict.gateway.runtime.logStore.get(id)?.errorType, 'provider_timeout');
  } finally {
    setup.upstream.script(undefined);
    await strict.stop();
  }
});
