/**
 * An upstream that reports an error inside a stream (Anthropic's `event: error`, an
 * OpenAI-compatible server's `data: {"error": …}`). After the first events reached the client,
 * the client gets exactly one error event, in its own protocol, and the record names the error.
 * Before anything reached it (Anthropic is overloaded at the start of a stream), the attempt has
 * failed like an HTTP error: the client gets that status, or the fallback's answer.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicTextStream, openaiTextStream } from '../../helpers/mock-upstream.ts';
import { assertAnthropicSse } from '../../helpers/assert-anthropic-stream.ts';
import { postChat, recordOf, streamErrorEvents } from '../../helpers/gateway-requests.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { twoProtocolConfigFallingBack } from '../../helpers/start-test-gateway.ts';

const setup = useGatewayWithMock();

const ANTHROPIC_OVERLOADED = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
const OPENAI_OVERLOADED = 'data: {"error":{"message":"Overloaded","type":"overloaded_error"}}\n\n';
// Up to and including the first text delta ("parti"), then the error.
const anthropicFramesThenError = [...anthropicTextStream('partial').slice(0, 4), ANTHROPIC_OVERLOADED];
const openaiFramesThenError = [...openaiTextStream('partial').slice(0, 2), OPENAI_OVERLOADED];
// The stream opens in reads of its own; then the text deltas ("parti", "al") and the error come in one read.
const anthropicTextAndErrorInOneRead = [...anthropicTextStream('partial').slice(0, 3), [...anthropicTextStream('partial').slice(3, 5), ANTHROPIC_OVERLOADED].join('')];

for (const { label, client, model, frames } of [
  { label: 'Anthropic pass-through', client: 'anthropic', model: 'claude-mock', frames: anthropicFramesThenError },
  { label: 'OpenAI pass-through', client: 'openai', model: 'gpt-mock', frames: openaiFramesThenError },
  { label: 'Anthropic client, OpenAI upstream', client: 'anthropic', model: 'gpt-mock', frames: openaiFramesThenError },
  { label: 'OpenAI client, Anthropic upstream', client: 'openai', model: 'claude-mock', frames: anthropicFramesThenError },
  { label: 'OpenAI client, Anthropic upstream, the last text and the error in one read', client: 'openai', model: 'claude-mock', frames: anthropicTextAndErrorInOneRead },
] as const) {
  test(`${label}: an error the upstream reports mid-stream reaches the client once, and is recorded`, async () => {
    // A pause between frames, so the text is written to the client before the error arrives.
    setup.upstream.script(() => ({ kind: 'sse', frames, delayMs: 30 }));
    try {
      const reply = await postChat(setup.harness.gateway.url, client, { model, stream: true });
      assert.equal(reply.status, 200, reply.text);
      assert.match(reply.text, /parti/, 'the text before the error reached the client');
      const errors = streamErrorEvents(client, reply.text);
      assert.equal(errors.length, 1, `one error event, got:\n${reply.text}`);
      assert.match(errors[0]!, /Overloaded/);
      assert.doesNotMatch(reply.text.slice(reply.text.indexOf(errors[0]!) + errors[0]!.length), /\S/, 'nothing after the error event');
      if (client === 'anthropic') assertAnthropicSse(reply.text);

      const record = await recordOf(setup.harness, reply);
      assert.equal(record.errorType, 'provider_stream_interrupted');
      assert.match(record.errorMessage ?? '', /Overloaded/);
    } finally {
      setup.upstream.script(undefined);
    }
  });
}

for (const { label, client, model, frames, status, errorType, clientErrorType } of [
  { label: 'Anthropic pass-through', client: 'anthropic', model: 'claude-mock', frames: [ANTHROPIC_OVERLOADED], status: 529, errorType: 'provider_overloaded', clientErrorType: 'overloaded_error' },
  { label: 'OpenAI pass-through', client: 'openai', model: 'gpt-mock', frames: ['data: {"error":{"code":502,"message":"Provider returned error"}}\n\n'], status: 502, errorType: 'provider_server_error', clientErrorType: 'server_error' },
  { label: 'Anthropic client, OpenAI upstream', client: 'anthropic', model: 'gpt-mock', frames: ['data: {"error":{"code":429,"message":"Rate limit exceeded"}}\n\n'], status: 429, errorType: 'provider_rate_limited', clientErrorType: 'rate_limit_error' },
  { label: 'OpenAI client, Anthropic upstream', client: 'openai', model: 'claude-mock', frames: [ANTHROPIC_OVERLOADED], status: 529, errorType: 'provider_overloaded', clientErrorType: 'server_error' },
] as const) {
  test(`${label}: an error that opens the stream is an error response with its status, before any byte of a stream`, async () => {
    setup.upstream.script(() => ({ kind: 'sse', frames: [...frames] }));
    try {
      const reply = await postChat(setup.harness.gateway.url, client, { model, stream: true });
      assert.equal(reply.status, status, reply.text);
      const body = JSON.parse(reply.text) as { error: { type: string; message: string } };
      assert.equal(body.error.type, clientErrorType);
      assert.equal((await recordOf(setup.harness, reply)).errorType, errorType);
    } finally {
      setup.upstream.script(undefined);
    }
  });
}

describe('with a fallback configured', () => {
  const withFallback = useGatewayWithMock(twoProtocolConfigFallingBack('claude-mock', 'gpt-mock'));

  test('Anthropic overloaded at the start of a stream: the fallback answers, and the client sees only its stream', async () => {
    withFallback.upstream.script((request) => (request.path.startsWith('/v1/messages')
      ? { kind: 'sse', frames: [ANTHROPIC_OVERLOADED] }
      : { kind: 'sse', frames: openaiTextStream('from the fallback') }));
    try {
      const reply = await postChat(withFallback.harness.gateway.url, 'anthropic', { model: 'claude-mock', stream: true });
      assert.equal(reply.status, 200, reply.text);
      assert.doesNotMatch(reply.text, /error/);
      assert.match(reply.text, /event: message_stop/);
      const record = await recordOf(withFallback.harness, reply);
      assert.equal(record.attempts, 2);
      assert.equal(record.deploymentId, 'openai-mock');
      assert.equal(record.errorType, null);
    } finally {
      withFallback.upstream.script(undefined);
    }
  });
});

test('Anthropic client, OpenAI upstream: an unreadable event after text in the same read keeps the text, then one error event', async () => {
  const frames = openaiTextStream('partial');
  // The stream opens in a read of its own; the next read holds a text delta and then a broken event.
  setup.upstream.script(() => ({ kind: 'sse', frames: [frames[0]!, `${frames[1]!}data: {"choices":[{"delta":{"content":"oops"\n\n`], delayMs: 30 }));
  try {
    const reply = await postChat(setup.harness.gateway.url, 'anthropic', { model: 'gpt-mock', stream: true });
    assert.equal(reply.status, 200, reply.text);
    assert.match(reply.text, /"text":"parti"/, 'the text decoded before the broken event reached the client');
    const errors = streamErrorEvents('anthropic', reply.text);
    assert.equal(errors.length, 1, reply.text);
    assert.match(errors[0]!, /not valid JSON/);
    assertAnthropicSse(reply.text);
    assert.equal((await recordOf(setup.harness, reply)).errorType, 'provider_bad_response');
  } finally {
    setup.upstream.script(undefined);
  }
});
