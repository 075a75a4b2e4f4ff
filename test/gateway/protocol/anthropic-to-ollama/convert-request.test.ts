import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnthropicMessagesRequest, AnthropicTool } from '../../../../gateway/protocol/anthropic/types.ts';
import { convertAnthropicRequestToOllama, type AnthropicToOllamaOptions } from '../../../../gateway/protocol/anthropic-to-ollama/convert-request.ts';
import { assertValidOllamaChatRequest } from '../../../helpers/assert-valid-ollama-chat-request.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const fixturesDirectory = path.join(repoRoot, 'test/fixtures/ollama');
const capturesDirectory = path.resolve(repoRoot, '../shared/reference/claude-code-captures');
const CAPTURE_FILES = ['capture-print-default.jsonl', 'capture-interactive-context.jsonl', 'variants-slim.jsonl'];

interface RequestFixture {
  description: string;
  options: AnthropicToOllamaOptions;
  request: AnthropicMessagesRequest;
  expected: unknown;
}

for (const file of readdirSync(fixturesDirectory).filter((name) => name.endsWith('.json')).sort()) {
  const fixture = JSON.parse(readFileSync(path.join(fixturesDirectory, file), 'utf8')) as RequestFixture;
  test(`golden ${file}: ${fixture.description}`, () => {
    const converted = convertAnthropicRequestToOllama(fixture.request, fixture.options);
    assert.deepEqual(converted, fixture.expected);
    assertValidOllamaChatRequest(converted);
  });
}

test('the input request is not mutated', () => {
  const fixture = JSON.parse(readFileSync(path.join(fixturesDirectory, 'tool-round-trip-claude-code-shape.json'), 'utf8')) as RequestFixture;
  const before = structuredClone(fixture.request);
  convertAnthropicRequestToOllama(fixture.request, fixture.options);
  assert.deepEqual(fixture.request, before);
});

test('thinking: enabled → true, absent → no think, and a model without the capability never gets think', () => {
  const base: AnthropicMessagesRequest = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
  const convert = (request: AnthropicMessagesRequest, options: Partial<AnthropicToOllamaOptions> = {}) =>
    convertAnthropicRequestToOllama(request, { upstreamModel: 'qwen3:8b', ...options }).think;
  assert.equal(convert({ ...base, thinking: { type: 'enabled', budget_tokens: 1024 } }), true);
  assert.equal(convert(base), undefined);
  assert.equal(convert({ ...base, thinking: { type: 'adaptive' } }, { supportsThinking: false }), undefined);
  assert.equal(convert({ ...base, thinking: { type: 'enabled', budget_tokens: 31999 } }, { upstreamModel: 'gpt-oss:120b' }), 'high');
  assert.equal(convert({ ...base, thinking: { type: 'enabled', budget_tokens: 1024 } }, { upstreamModel: 'gpt-oss:20b' }), 'low');
  assert.equal(convert({ ...base, thinking: { type: 'adaptive' } }, { upstreamModel: 'gpt-oss:20b' }), 'medium');
  assert.equal(convert({ ...base, thinking: { type: 'disabled' } }, { upstreamModel: 'gpt-oss:20b' }), 'low');
  assert.equal(convert({ ...base, thinking: { type: 'between_tools' } }), false, 'Sonnet 5.5\'s "no up-front thinking"');
  assert.equal(convert({ ...base, thinking: { type: 'between_tools' } }, { upstreamModel: 'gpt-oss:20b' }), 'low');
  assert.equal(convert({ ...base, thinking: { type: 'adaptive' }, output_config: { effort: 'low' } }), true, 'effort matters only for gpt-oss');
});

test('the older output_format field also becomes format', () => {
  const schema = { type: 'object', properties: { answer: { type: 'number' } } };
  const converted = convertAnthropicRequestToOllama(
    { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], output_format: { type: 'json_schema', schema } },
    { upstreamModel: 'qwen3:8b' },
  );
  assert.deepEqual(converted.format, schema);
});

interface CapturedRequest {
  url: string;
  label?: string;
  seq: number;
  body: AnthropicMessagesRequest & { tools?: (AnthropicTool | string)[] };
}

function readCapturedMessagesRequests(): { name: string; body: AnthropicMessagesRequest }[] {
  const requests: { name: string; body: AnthropicMessagesRequest }[] = [];
  for (const file of CAPTURE_FILES) {
    for (const line of readFileSync(path.join(capturesDirectory, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const captured = JSON.parse(line) as CapturedRequest;
      if (!captured.url.startsWith('/v1/messages?') && captured.url !== '/v1/messages') continue;
      // The slim captures keep only tool names; a real request has the full definition there.
      const tools = captured.body.tools?.map((tool) => (typeof tool === 'string' ? { name: tool, description: '', input_schema: { type: 'object' } } : tool));
      const body = tools === undefined ? captured.body : { ...captured.body, tools };
      requests.push({ name: `${file}#${captured.seq}${captured.label ? ` (${captured.label})` : ''}`, body });
    }
  }
  return requests;
}

test('every captured Claude Code /v1/messages request converts to a valid /api/chat request', () => {
  const captured = readCapturedMessagesRequests();
  assert.ok(captured.length >= 30, `found ${captured.length} captured requests`);
  for (const { name, body } of captured) {
    const converted = convertAnthropicRequestToOllama(body, { upstreamModel: 'qwen3-coder:30b', numCtx: 65536, keepAlive: '30m' });
    assert.doesNotThrow(() => assertValidOllamaChatRequest(converted), name);
    assert.equal(converted.stream, body.stream === true, `${name}: stream`);
    assert.equal(converted.options?.num_predict, body.max_tokens, `${name}: num_predict`);
    assert.equal(converted.tools?.length ?? 0, body.tools?.length ?? 0, `${name}: every Claude Code tool is a custom tool and is kept`);
    const systemInMessages = body.messages.filter((message) => message.role === 'system').length;
    const systemConverted = converted.messages.filter((message) => message.role === 'system').length;
    assert.equal(systemConverted, systemInMessages + (body.system === undefined ? 0 : 1), `${name}: system prompt and mid-array system messages kept`);
    if (body.thinking !== undefined) assert.equal(converted.think, body.thinking.type !== 'disabled', `${name}: think`);
    assert.ok(!JSON.stringify(converted.messages).includes('x-anthropic-billing-header'), `${name}: the billing header is not sent, so Ollama's prompt cache survives a new session`);
    if (body.output_config?.format !== undefined) assert.deepEqual(converted.format, body.output_config.format.schema, `${name}: format`);
  }
});

test('tool_result blocks Ollama has no place for (tool_reference, search_result) are left out, not mistaken for documents', () => {
  const request = {
    model: 'm',
    max_tokens: 10,
    messages: [
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'ToolSearch', input: { query: 'notebook' } }] },
      {
        role: 'user',
        content: [{
          type: 'tool_result',
          tool_use_id: 'toolu_1',
          content: [
            { type: 'text', text: 'Found:' },
            { type: 'tool_reference', tool_name: 'NotebookEdit' },
            { type: 'search_result', source: 'https://example.com', title: 'Example', content: [{ type: 'text', text: 'body' }] },
          ],
        }],
      },
    ],
  } as unknown as AnthropicMessagesRequest;
  const converted = convertAnthropicRequestToOllama(request, { upstreamModel: 'qwen3:8b' });
  assert.deepEqual(converted.messages.at(-1), { role: 'tool', content: 'Found:', tool_call_id: 'toolu_1', tool_name: 'ToolSearch' });
});
