/**
 * Claude Code stores each reply's `request-id` header as the transcript entry's requestId, and
 * usage tools de-duplicate transcript entries by it: a reply without one is counted twice. Every
 * reply to an Anthropic client carries one: Anthropic's own when it answered, else the gateway's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicTextStream, type MockReply } from '../../helpers/mock-upstream.ts';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';

const setup = useGatewayWithMock();
const UPSTREAM_REQUEST_ID = 'req_011CUpstreamRequestId';

async function postMessages(model: string, stream: boolean): Promise<{ status: number; requestId: string | null; gatehouseId: string | null }> {
  const response = await fetch(`${setup.harness.gateway.url}/v1/messages?beta=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_MASTER_KEY}`, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ model, max_tokens: 16, stream, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.text();
  return { status: response.status, requestId: response.headers.get('request-id'), gatehouseId: response.headers.get('x-gatehouse-request-id') };
}

async function withUpstream(reply: MockReply | undefined, run: () => Promise<void>): Promise<void> {
  setup.upstream.script(reply === undefined ? undefined : () => reply);
  try {
    await run();
  } finally {
    setup.upstream.script(undefined);
  }
}

test('passed through from Anthropic, streamed or not, the reply carries Anthropic\'s request-id', async () => {
  await withUpstream({ kind: 'sse', frames: anthropicTextStream('hello'), headers: { 'request-id': UPSTREAM_REQUEST_ID } }, async () => {
    const reply = await postMessages('claude-mock', true);
    assert.equal(reply.status, 200);
    assert.equal(reply.requestId, UPSTREAM_REQUEST_ID);
  });
  const message = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-upstream', content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 3, output_tokens: 1 } };
  await withUpstream({ kind: 'json', body: message, headers: { 'request-id': UPSTREAM_REQUEST_ID } }, async () => {
    const reply = await postMessages('claude-mock', false);
    assert.equal(reply.status, 200);
    assert.equal(reply.requestId, UPSTREAM_REQUEST_ID);
  });
});

test('translated from another upstream, or refused, the reply carries the gateway\'s own request id', async () => {
  for (const stream of [true, false]) {
    const reply = await postMessages('gpt-mock', stream);
    assert.equal(reply.status, 200);
    assert.ok(reply.gatehouseId);
    assert.equal(reply.requestId, reply.gatehouseId, `stream: ${stream}`);
  }
  await withUpstream({ kind: 'json', status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }, async () => {
    const reply = await postMessages('claude-mock', true);
    assert.equal(reply.status, 529);
    assert.equal(reply.requestId, reply.gatehouseId);
  });
});
