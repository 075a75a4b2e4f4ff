/**
 * When is an upstream stream whole? Anthropic: message_stop. OpenAI-compatible: a finish reason
 * or [DONE] (servers send one or both). Ollama: the `done` chunk. A body that ends cleanly
 * without its signal was cut short: the client gets an error event in its own protocol (never a
 * made-up ending, never [DONE] before it) and the record says so; a whole stream is never
 * followed by an error of ours.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicTextStream, openaiTextStream } from '../../helpers/mock-upstream.ts';
import { postChat, recordOf, streamErrorEvents } from '../../helpers/gateway-requests.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { assertAnthropicSse } from '../../helpers/assert-anthropic-stream.ts';
import { startOllamaTestServer, createTestModel, type OllamaTestServer } from '../../helpers/ollama-test-server.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

const setup = useGatewayWithMock();

const openaiWhole = openaiTextStream('a complete answer');
const openaiCut = openaiWhole.slice(0, 2);
const openaiWithoutDone = openaiWhole.filter((frame) => !frame.includes('[DONE]'));
const openaiWithoutFinishReason = openaiWhole.filter((frame) => !frame.includes('"finish_reason":"stop"'));
const anthropicCut = anthropicTextStream('a complete answer').slice(0, 4);

test('Anthropic client: an OpenAI-compatible stream cut before its finish reason ends in an error event, without message_stop', async () => {
  setup.upstream.script(() => ({ kind: 'sse', frames: [...openaiCut], delayMs: 5 }));
  try {
    const reply = await postChat(setup.harness.gateway.url, 'anthropic', { model: 'gpt-mock', stream: true });
    assert.equal(reply.status, 200);
    assert.match(reply.text, /"text":"a com"/, 'what arrived was passed on');
    assert.doesNotMatch(reply.text, /message_stop|"stop_reason":"end_turn"/);
    assert.equal(streamErrorEvents('anthropic', reply.text).length, 1, reply.text);
    assertAnthropicSse(reply.text);
    assert.equal((await recordOf(setup.harness, reply)).errorType, 'provider_stream_interrupted');
  } finally {
    setup.upstream.script(undefined);
  }
});

test('OpenAI client: an Anthropic stream cut before message_stop ends in an error chunk, and no [DONE]', async () => {
  setup.upstream.script(() => ({ kind: 'sse', frames: [...anthropicCut], delayMs: 5 }));
  try {
    const reply = await postChat(setup.harness.gateway.url, 'openai', { model: 'claude-mock', stream: true });
    assert.equal(reply.status, 200);
    assert.doesNotMatch(reply.text, /\[DONE\]/, 'an OpenAI client reads [DONE] as a complete answer');
    assert.equal(streamErrorEvents('openai', reply.text).length, 1, reply.text);
    assert.equal((await recordOf(setup.harness, reply)).errorType, 'provider_stream_interrupted');
  } finally {
    setup.upstream.script(undefined);
  }
});

for (const { label, frames } of [
  { label: 'a finish reason and no [DONE]', frames: openaiWithoutDone },
  { label: '[DONE] and no finish reason', frames: openaiWithoutFinishReason },
] as const) {
  for (const client of ['openai', 'anthropic'] as const) {
    test(`${client} client: an OpenAI-compatible stream with ${label} is whole`, async () => {
      setup.upstream.script(() => ({ kind: 'sse', frames: [...frames] }));
      try {
        const reply = await postChat(setup.harness.gateway.url, client, { model: 'gpt-mock', stream: true });
        assert.equal(reply.status, 200);
        assert.doesNotMatch(reply.text, /"error"/, reply.text);
        if (client === 'anthropic') assertAnthropicSse(reply.text);
        assert.equal((await recordOf(setup.harness, reply)).errorType, null);
      } finally {
        setup.upstream.script(undefined);
      }
    });
  }
}

let ollama: OllamaTestServer;
let withOllama: TestGateway;
before(async () => {
  ollama = await startOllamaTestServer({ models: [createTestModel('qwen3:8b')] });
  withOllama = await startTestGateway(`
model_list:
  - model_name: qwen-local
    litellm_params: { model: ollama_chat/qwen3:8b, api_base: ${ollama.url} }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
gatehouse: { ollama: { autostart: false } }
`);
});
after(async () => {
  await withOllama.stop();
  await ollama.close();
});

test('Anthropic client: an Ollama stream that ends without its done chunk ends in an error event, without message_stop', async () => {
  ollama.scriptChat({ content: 'one two three four five', endAfterChunks: 2 });
  const reply = await postChat(withOllama.gateway.url, 'anthropic', { model: 'qwen-local', stream: true });
  assert.equal(reply.status, 200);
  assert.doesNotMatch(reply.text, /message_stop/);
  assert.equal(streamErrorEvents('anthropic', reply.text).length, 1, reply.text);
  assertAnthropicSse(reply.text);
  assert.equal((await recordOf(withOllama, reply)).errorType, 'provider_stream_interrupted');
});
