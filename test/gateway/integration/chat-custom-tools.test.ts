/**
 * The real OpenAI SDK's Chat Completions client with a custom (freeform) tool, against a real
 * gateway in front of a mock Anthropic upstream: what the client got, and what the upstream received.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { anthropicToolUseStream } from '../../helpers/mock-upstream.ts';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { readJsonFixture } from '../../helpers/read-fixture.ts';

const setup = useGatewayWithMock();
let client: OpenAI | undefined;
const openaiClient = () => (client ??= new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${setup.harness.gateway.url}/v1`, maxRetries: 0 }));
const lastUpstreamRequest = () => setup.upstream.requests.at(-1)!;

/** Codex CLI's apply_patch, with its lark grammar, declared the Chat Completions way. */
function applyPatchTool(): OpenAI.Chat.ChatCompletionCustomTool {
  const turn = readJsonFixture<{ tools: { type: string; name?: string; description: string; format: { syntax: 'lark'; definition: string } }[] }>('responses', 'codex-cli-turn-with-apply-patch.json');
  const { name, description, format } = turn.tools.find((tool) => tool.name === 'apply_patch')!;
  return { type: 'custom', custom: { name: name!, description, format: { type: 'grammar', grammar: { syntax: format.syntax, definition: format.definition } } } };
}

const shellTool: OpenAI.Chat.ChatCompletionFunctionTool = {
  type: 'function',
  function: { name: 'shell', description: 'Runs a shell command', parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } }, required: ['command'] } },
};

const patch = '*** Begin Patch\n*** Update File: hello.txt\n@@\n hello\n+world "quoted" \\ \u{1F600}\n*** End Patch\n';

function request(): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  return { model: 'claude-mock', tools: [shellTool, applyPatchTool()], messages: [{ role: 'user', content: 'Add world to hello.txt' }] };
}

/** The upstream got apply_patch as a tool taking one `input` string, with the grammar in its description. */
function assertPatchToolSent() {
  const tools = lastUpstreamRequest().body.tools as { name: string; description: string; input_schema: { properties: { input: { type: string } }; required: string[] } }[];
  assert.deepEqual(tools.map((tool) => tool.name), ['shell', 'apply_patch']);
  const patchTool = tools[1]!;
  assert.equal(patchTool.input_schema.properties.input.type, 'string');
  assert.deepEqual(patchTool.input_schema.required, ['input']);
  const { grammar } = applyPatchTool().custom.format as { grammar: { definition: string } };
  assert.ok(patchTool.description.endsWith(`lark grammar:\n${grammar.definition}`), patchTool.description);
}

/** A streamed tool call piece as OpenAI sends a custom call's (its SDK types list only functions). */
type StreamedToolCall = OpenAI.Chat.ChatCompletionChunk.Choice.Delta.ToolCall & { type?: string; custom?: { name?: string; input?: string } };

describe('OpenAI Chat Completions client with a custom tool → Anthropic upstream', () => {
  test('non-streaming: the call comes back as a custom tool call with the raw text; a custom tool choice forces the tool', async () => {
    setup.upstream.script(() => ({
      kind: 'json',
      body: { id: 'msg_patch', type: 'message', role: 'assistant', model: 'claude-upstream', content: [{ type: 'tool_use', id: 'toolu_patch', name: 'apply_patch', input: { input: patch } }], stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 30, output_tokens: 9 } },
    }));
    const completion = await openaiClient().chat.completions.create({ ...request(), tool_choice: { type: 'custom', custom: { name: 'apply_patch' } } });
    const choice = completion.choices[0]!;
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.deepEqual(choice.message.tool_calls, [{ id: 'toolu_patch', type: 'custom', custom: { name: 'apply_patch', input: patch } }]);
    assertPatchToolSent();
    assert.deepEqual(lastUpstreamRequest().body.tool_choice, { type: 'tool', name: 'apply_patch' });
  });

  test('streaming: the raw text arrives in custom.input deltas as the upstream writes the arguments', async () => {
    setup.upstream.script((incoming) => ({ kind: 'sse', frames: incoming.body.stream === true ? anthropicToolUseStream('toolu_patch', 'apply_patch', { input: patch }) : [] }));
    const stream = await openaiClient().chat.completions.create({ ...request(), stream: true });
    const calls: StreamedToolCall[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      calls.push(...(chunk.choices[0]?.delta.tool_calls ?? []) as StreamedToolCall[]);
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.deepEqual(calls[0], { index: 0, id: 'toolu_patch', type: 'custom', custom: { name: 'apply_patch', input: '' } });
    const inputs = calls.slice(1).map((call) => call.custom?.input ?? '');
    assert.ok(inputs.length > 5, `the patch came in ${inputs.length} piece(s)`);
    assert.equal(inputs.join(''), patch);
    assert.ok(calls.every((call) => call.index === 0 && call.function === undefined));
    assert.equal(finish, 'tool_calls');
    assert.equal(lastUpstreamRequest().body.stream, true);
    assertPatchToolSent();
  });

  test('the call and its tool message go back up as a tool_use of the one string and its tool_result', async () => {
    setup.upstream.script(undefined);
    const completion = await openaiClient().chat.completions.create({
      ...request(),
      messages: [
        { role: 'user', content: 'Add world to hello.txt' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_patch', type: 'custom', custom: { name: 'apply_patch', input: patch } }] },
        { role: 'tool', tool_call_id: 'toolu_patch', content: 'Success. Updated the following files:\nM hello.txt\n' },
      ],
    });
    assert.equal(completion.choices[0]?.message.content, 'Hello from the Anthropic mock');
    assert.deepEqual(lastUpstreamRequest().body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'Add world to hello.txt' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_patch', name: 'apply_patch', input: { input: patch } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_patch', content: 'Success. Updated the following files:\nM hello.txt\n' }] },
    ]);
  });
});
