/**
 * An upstream that reports an error in the middle of a stream (Anthropic's `event: error`, an
 * OpenAI-compatible server's `data: {"error": …}`) after the first events reached the client:
 * the client gets exactly one error event, in its own protocol, and the record names the error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicTextStream, openaiTextStream } from '../../helpers/mock-upstream.ts';
import { postChat, waitFor } from '../../helpers/gateway-requests.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';

const setup = useGatewayWithMock();

const ANTHROPIC_OVERLOADED = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
const OPENAI_OVERLOADED = 'data: {"error":{"message":"Overloaded","type":"overloaded_error"}}\n\n';
// Up to and including the first text delta ("parti"), then the error.
const anthropicFramesThenError = [...anthropicTextStream('partial').slice(0, 4), ANTHROPIC_OVERLOADED];
const openaiFramesThenError = [...openaiTextStream('partial').slice(0, 2), OPENAI_OVERLOADED];

const errorEventsIn = (client: 'anthropic' | 'openai', sse: string) => (client === 'anthropic'
  ? sse.split('\n\n').filter((event) => event.startsWith('event: error\n'))
  : sse.split('\n\n').filter((event) => event.startsWith('data: {"error"')));

for (const { label, client, model, frames } of [
  { label: 'Anthropic pass-through', client: 'anthropic', model: 'claude-mock', frames: anthropicFramesThenError },
  { label: 'OpenAI pass-through', client: 'openai', model: 'gpt-mock', frames: openaiFramesThenError },
  { label: 'Anthropic client, OpenAI upstream', client: 'anthropic', model: 'gpt-mock', frames: openaiFramesThenError },
  { label: 'OpenAI client, Anthropic upstream', client: 'openai', model: 'claude-mock', frames: anthropicFramesThenError },
] as const) {
  test(`${label}: an error the upstream reports mid-stream reaches the client once, and is recorded`, async () => {
    // A pause between frames, so the text is written to the client before the error arrives.
    setup.upstream.script(() => ({ kind: 'sse', frames, delayMs: 30 }));
    try {
      const reply = await postChat(setup.harness.gateway.url, client, { model, stream: true });
      assert.equal(reply.status, 200, reply.text);
      assert.match(reply.text, /parti/, 'the text before the error reached the client');
      const errors = errorEventsIn(client, reply.text);
      assert.equal(errors.length, 1, `one error event, got:\n${reply.text}`);
      assert.match(errors[0]!, /Overloaded/);
      assert.doesNotMatch(reply.text.slice(reply.text.indexOf(errors[0]!) + errors[0]!.length), /\S/, 'nothing after the error event');

      const logStore = setup.harness.gateway.runtime.logStore;
      await waitFor('the record', () => logStore.get(reply.requestId!) !== undefined);
      const record = logStore.get(reply.requestId!)!;
      assert.equal(record.errorType, 'provider_stream_interrupted');
      assert.match(record.errorMessage ?? '', /Overloaded/);
    } finally {
      setup.upstream.script(undefined);
    }
  });
}
