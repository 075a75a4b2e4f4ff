import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnthropicMessagesRequest, AnthropicTool } from '../../../../gateway/protocol/anthropic/types.ts';
import { convertAnthropicRequestToOpenAI } from '../../../../gateway/protocol/anthropic-to-openai/convert-request.ts';
import { assertValidOpenAIChatRequest } from '../../../helpers/assert-valid-openai-chat-request.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const capturesDirectory = path.resolve(repoRoot, '../shared/reference/claude-code-captures');
const CAPTURE_FILES = ['capture-print-default.jsonl', 'capture-interactive-context.jsonl', 'variants-slim.jsonl'];

interface CapturedCall {
  label?: string;
  seq: number;
  method: string;
  url: string;
  body: AnthropicMessagesRequest & { tools?: (AnthropicTool | string)[] };
}

/** The slim captures keep only tool names; a name alone is a tool with an empty schema. */
const expandSlimTool = (tool: AnthropicTool | string): AnthropicTool =>
  typeof tool === 'string' ? { name: tool, description: '', input_schema: { type: 'object', properties: {} } } : tool;

function messageRequests(file: string): CapturedCall[] {
  return readFileSync(path.join(capturesDirectory, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CapturedCall)
    .filter((call) => call.method === 'POST' && new URL(call.url, 'http://gateway').pathname === '/v1/messages');
}

for (const file of CAPTURE_FILES) {
  test(`every /v1/messages request in ${file} converts to a valid OpenAI request`, () => {
    const calls = messageRequests(file);
    assert.ok(calls.length > 0, `${file} holds /v1/messages requests`);
    for (const call of calls) {
      const request: AnthropicMessagesRequest = { ...call.body, tools: call.body.tools?.map(expandSlimTool) };
      const before = structuredClone(request);
      const { body, toolNames } = convertAnthropicRequestToOpenAI(request, { upstreamModel: 'qwen3-coder:30b' });
      const where = `${file} seq ${call.seq}${call.label ? ` (${call.label})` : ''}`;
      assert.deepStrictEqual(request, before, `${where}: the input is not mutated`);
      assertValidOpenAIChatRequest(body);
      assert.equal(toolNames.size, 0, `${where}: Claude Code's tool names need no shortening`);
      assert.equal(body.tools?.length ?? 0, request.tools?.length ?? 0, `${where}: every tool is offered`);
      assert.equal(body.stream, request.stream === true ? true : undefined, `${where}: stream`);
      if (request.stream) assert.deepEqual(body.stream_options, { include_usage: true });
      assert.equal(body.max_tokens, request.max_tokens);
      if (request.metadata?.user_id) assert.match(body.user ?? '', /^[0-9a-f]{64}$/, `${where}: Claude Code's long user_id goes as its SHA-256`);
      const serialized = JSON.stringify(body);
      assert.ok(!serialized.includes('x-anthropic-billing-header'), `${where}: the billing header block is not forwarded`);
      assert.equal(body.messages.filter((message) => message.role === 'system').length, 1, `${where}: one system message`);
      for (const message of request.messages.filter((message) => message.role === 'system')) {
        const text = typeof message.content === 'string' ? message.content : (message.content[0] as { text: string }).text;
        assert.ok((body.messages[0]?.content as string).includes(text), `${where}: the mid-array system message is in the system prompt`);
      }
    }
  });
}

test('a Claude Code tool round trip keeps ids and order, with the mid-array system message folded into the first', () => {
  const [, , toolTurn] = messageRequests('capture-print-default.jsonl');
  const { body } = convertAnthropicRequestToOpenAI(toolTurn!.body, { upstreamModel: 'gpt-4.1' });
  assert.deepEqual(body.messages.map((message) => message.role), ['system', 'user', 'assistant', 'tool']);
  const assistant = body.messages[2]!;
  const tool = body.messages[3]!;
  assert.ok(assistant.role === 'assistant' && tool.role === 'tool');
  assert.equal(assistant.content, 'Running the command.');
  assert.equal(assistant.tool_calls?.[0]?.id, tool.tool_call_id);
  const call = assistant.tool_calls?.[0];
  assert.ok(call?.type === 'function');
  assert.equal(call.function.name, 'Bash');
  assert.deepEqual(JSON.parse(call.function.arguments), (toolTurn!.body.messages[2]!.content as { input: unknown }[])[1]!.input);
  assert.equal(body.reasoning_effort, 'high', 'adaptive thinking takes output_config.effort');
});
