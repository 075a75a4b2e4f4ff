/**
 * Claude Code through an OpenAI-compatible upstream that interleaves the fragments of parallel
 * tool calls: the raw Anthropic stream the gateway writes must stay strictly sequential, since
 * Claude Code takes a tool call as final at its content_block_stop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postChat, recordOf, streamErrorEvents } from '../../helpers/gateway-requests.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { assertAnthropicSse } from '../../helpers/assert-anthropic-stream.ts';

const setup = useGatewayWithMock();
const fixturesDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/openai');

/** A chunks fixture as the SSE frames an OpenAI-compatible server writes, [DONE] last. */
function framesOf(name: string): string[] {
  const lines = readFileSync(path.join(fixturesDirectory, `${name}.chunks.txt`), 'utf8').split('\n').filter((line) => line.trim() !== '');
  return [...lines.map((line) => `data: ${line}\n\n`), 'data: [DONE]\n\n'];
}

async function streamFrom(fixture: string): Promise<Awaited<ReturnType<typeof postChat>>> {
  setup.upstream.script(() => ({ kind: 'sse', frames: framesOf(fixture), delayMs: 2 }));
  try {
    return await postChat(setup.harness.gateway.url, 'anthropic', { model: 'gpt-mock', stream: true });
  } finally {
    setup.upstream.script(undefined);
  }
}

test('interleaved parallel calls reach an Anthropic client one whole block after another', async () => {
  const reply = await streamFrom('parallel-tool-calls-interleaved');
  assert.equal(reply.status, 200);
  assert.deepEqual(assertAnthropicSse(reply.text).map((block) => block.input), [{ path: 'a.ts' }, { path: 'b.ts' }]);
});

test('a late fragment that completes the first call: every call arrives whole, in order', async () => {
  const reply = await streamFrom('parallel-tool-calls-late-fragment-for-first-call');
  assert.deepEqual(assertAnthropicSse(reply.text).map((block) => block.input), [{ path: 'a.ts' }, { path: 'b.ts' }, { path: 'c.ts' }]);
});

test('arguments sent for a call after they were complete end the stream in an error event, recorded as a bad response', async () => {
  const reply = await streamFrom('tool-call-arguments-after-complete');
  assert.equal(reply.status, 200);
  assertAnthropicSse(reply.text);
  assert.equal(streamErrorEvents('anthropic', reply.text).length, 1, reply.text);
  assert.match(reply.text, /call_1/);
  assert.equal((await recordOf(setup.harness, reply)).errorType, 'provider_bad_response');
});
