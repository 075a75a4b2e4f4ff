/**
 * An OpenAI-compatible upstream that answers 200 with an error in the body, as OpenRouter does
 * once a model has started (`{"error": {"code": 502, "message": …}}`, no choices): the client gets
 * an error in its own protocol with the code's status, not an empty answer, and it is recorded.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { postChat, recordOf } from '../../helpers/gateway-requests.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { twoProtocolConfigFallingBack } from '../../helpers/start-test-gateway.ts';

const setup = useGatewayWithMock();

for (const { label, client } of [
  { label: 'OpenAI client, passed through', client: 'openai' },
  { label: 'Anthropic client, translated', client: 'anthropic' },
] as const) {
  for (const { code, status, errorType } of [
    { code: 502, status: 502, errorType: 'provider_server_error' },
    { code: 429, status: 429, errorType: 'provider_rate_limited' },
    { code: undefined, status: 502, errorType: 'provider_server_error' },
  ]) {
    test(`${label}: a 200 whose body is an error with code ${code ?? '(none)'} is a ${status} in the client's shape`, async () => {
      setup.upstream.script(() => ({ kind: 'json', body: { error: { message: 'Provider returned error', ...(code === undefined ? {} : { code }) } } }));
      try {
        const reply = await postChat(setup.harness.gateway.url, client, { model: 'gpt-mock' });
        assert.equal(reply.status, status, reply.text);
        assert.ok(reply.requestId, 'an error names its request, as an answer does');
        const body = JSON.parse(reply.text) as { type?: string; error?: { type?: string; message?: string }; choices?: unknown };
        if (client === 'anthropic') assert.equal(body.type, 'error');
        assert.equal(body.choices, undefined);
        assert.match(body.error?.message ?? '', /Provider returned error/);

        assert.equal((await recordOf(setup.harness, reply)).errorType, errorType);
      } finally {
        setup.upstream.script(undefined);
      }
    });
  }
}

test('an answer with choices is an answer, even with an error field beside them', async () => {
  setup.upstream.script(() => ({
    kind: 'json',
    body: { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-upstream', error: null, choices: [{ index: 0, message: { role: 'assistant', content: 'fine' }, finish_reason: 'stop' }] },
  }));
  try {
    const reply = await postChat(setup.harness.gateway.url, 'anthropic', { model: 'gpt-mock' });
    assert.equal(reply.status, 200, reply.text);
    assert.match(reply.text, /"text":"fine"/);
  } finally {
    setup.upstream.script(undefined);
  }
});

describe('with a fallback configured', () => {
  const withFallback = useGatewayWithMock(twoProtocolConfigFallingBack('gpt-mock', 'claude-mock'));

  test('the error in a 200 body sends the request on to the fallback, which answers', async () => {
    withFallback.upstream.script((request) => (request.path.startsWith('/v1/chat/completions')
      ? { kind: 'json', body: { error: { code: 502, message: 'Provider returned error' } } }
      : { kind: 'json', body: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-upstream', content: [{ type: 'text', text: 'from the fallback' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 3, output_tokens: 3 } } }));
    try {
      const reply = await postChat(withFallback.harness.gateway.url, 'openai', { model: 'gpt-mock' });
      assert.equal(reply.status, 200, reply.text);
      assert.match(reply.text, /from the fallback/);
      const record = await recordOf(withFallback.harness, reply);
      assert.equal(record.attempts, 2);
      assert.equal(record.deploymentId, 'anthropic-mock');
    } finally {
      withFallback.upstream.script(undefined);
    }
  });
});
