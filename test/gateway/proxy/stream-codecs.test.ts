import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUpstreamDecoder, type StreamIdentity } from '../../../gateway/proxy/stream-codecs.ts';

const identity: StreamIdentity = {
  clientModel: 'gpt-test',
  messageId: 'msg_test',
  openaiId: 'chatcmpl-test',
  responseId: 'resp_test',
  created: 0,
  newId: () => 'id',
  toolNames: undefined,
  includeUsage: false,
};

const decodeOpenAI = (text: string) => createUpstreamDecoder('openai', identity).push(text);

test("an OpenAI-compatible error chunk decodes to Anthropic's error event, its numeric code choosing the type", () => {
  assert.deepEqual(decodeOpenAI('data: {"error":{"code":429,"message":"Rate limit exceeded"}}\n\n'), [
    { type: 'error', error: { type: 'rate_limit_error', message: 'Rate limit exceeded' } },
  ]);
  // OpenRouter's "Provider returned error": a 5xx Anthropic does not document is an api_error.
  assert.deepEqual(decodeOpenAI('data: {"error":{"code":502,"message":"Provider returned error"}}\n\n'), [
    { type: 'error', error: { type: 'api_error', message: 'Provider returned error' } },
  ]);
});

test("without a numeric code, an Anthropic error type is kept and OpenAI's own types become api_error", () => {
  assert.deepEqual(decodeOpenAI('data: {"error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'), [
    { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
  ]);
  assert.deepEqual(decodeOpenAI('data: {"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}\n\n'), [
    { type: 'error', error: { type: 'api_error', message: 'The server had an error' } },
  ]);
  assert.deepEqual(decodeOpenAI('data: {"error":{}}\n\n'), [{ type: 'error', error: { type: 'api_error', message: 'upstream error' } }]);
});
