import assert from 'node:assert/strict';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
const PART_TYPES = new Set(['text', 'image_url', 'file', 'input_audio']);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** Keys that only exist in Anthropic's API; an OpenAI upstream rejects or misreads them. */
const ANTHROPIC_ONLY_KEYS = new Set([
  'system', 'stop_sequences', 'thinking', 'context_management', 'output_config', 'output_format', 'input_schema',
  'tool_use_id', 'is_error', 'budget_tokens', 'ttl', 'user_id', 'signature', 'media_type', 'service_tier', 'disable_parallel_tool_use',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assertNoAnthropicKeys(value: unknown, where: string, allowCacheControl: boolean): void {
  if (Array.isArray(value)) value.forEach((item, position) => assertNoAnthropicKeys(item, `${where}[${position}]`, allowCacheControl));
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    assert.ok(!ANTHROPIC_ONLY_KEYS.has(key), `${where}.${key} is an Anthropic-only field`);
    if (key === 'cache_control') assert.ok(allowCacheControl, `${where}.cache_control is not sent to this upstream`);
    if (key === 'type') assert.ok(!['tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'image', 'document'].includes(child as string), `${where}.type is an Anthropic block type`);
    // Tool parameter schemas are the client's own JSON Schema, which may use any key name.
    if (key !== 'parameters') assertNoAnthropicKeys(child, `${where}.${key}`, allowCacheControl);
  }
}

function assertValidContent(content: unknown, where: string, textOnly: boolean): void {
  if (typeof content === 'string') return;
  assert.ok(Array.isArray(content), `${where} is a string or a list of parts`);
  for (const [position, part] of content.entries()) {
    assert.ok(isPlainObject(part) && PART_TYPES.has(part.type as string), `${where}[${position}] is an OpenAI content part`);
    if (textOnly) assert.equal(part.type, 'text', `${where}[${position}] is a text part`);
    if (part.type === 'text') assert.equal(typeof part.text, 'string', `${where}[${position}].text is a string`);
    if (part.type === 'image_url') assert.ok(isPlainObject(part.image_url) && typeof part.image_url.url === 'string', `${where}[${position}].image_url.url is a string`);
  }
}

/**
 * Checks what an OpenAI-compatible server checks before it runs a model: roles, content shapes,
 * tool calls answered by tool messages in order, tool names, and no Anthropic fields.
 */
export function assertValidOpenAIChatRequest(body: unknown, options: { allowCacheControl?: boolean } = {}): void {
  assert.ok(isPlainObject(body), 'the body is an object');
  assert.deepStrictEqual(JSON.parse(JSON.stringify(body)), body, 'the body survives JSON serialisation unchanged');
  assert.ok(typeof body.model === 'string' && body.model !== '', 'model is a non-empty string');
  assert.ok(Array.isArray(body.messages) && body.messages.length > 0, 'messages is a non-empty list');
  assertNoAnthropicKeys(body, 'body', options.allowCacheControl === true);

  const declared = new Set<string>();
  for (const [position, tool] of ((body.tools as unknown[] | undefined) ?? []).entries()) {
    assert.ok(isPlainObject(tool) && tool.type === 'function' && isPlainObject(tool.function), `tools[${position}] is a function tool`);
    const name = tool.function.name as string;
    assert.match(name, TOOL_NAME, `tools[${position}] name`);
    assert.ok(!declared.has(name), `tool name ${name} is unique`);
    declared.add(name);
    assert.ok(tool.function.parameters === undefined || isPlainObject(tool.function.parameters), `tools[${position}].parameters is an object`);
  }

  let unanswered = new Set<string>();
  for (const [position, message] of (body.messages as unknown[]).entries()) {
    const where = `messages[${position}]`;
    assert.ok(isPlainObject(message) && ROLES.has(message.role as string), `${where}.role is an OpenAI role`);
    if (message.role !== 'tool') assert.equal(unanswered.size, 0, `${where}: every tool call before it has a tool message (${[...unanswered].join(', ')})`);
    switch (message.role) {
      case 'system':
      case 'developer':
        // Qwen chat templates (vLLM, llama.cpp): "System message must be at the beginning".
        assert.ok((body.messages as { role: string }[]).slice(0, position).every((earlier) => earlier.role === 'system' || earlier.role === 'developer'), `${where}: system messages come first`);
        assertValidContent(message.content, `${where}.content`, true);
        break;
      case 'user':
        assertValidContent(message.content, `${where}.content`, false);
        break;
      case 'tool':
        assert.ok(typeof message.tool_call_id === 'string' && unanswered.has(message.tool_call_id), `${where} answers a call of the preceding assistant message`);
        unanswered.delete(message.tool_call_id as string);
        // OpenAI: "Image URLs are only allowed for messages with role 'user'".
        assertValidContent(message.content, `${where}.content`, true);
        break;
      case 'assistant': {
        const toolCalls = (message.tool_calls as unknown[] | undefined) ?? [];
        assert.ok(message.content !== undefined || toolCalls.length > 0, `${where} has content or tool calls`);
        if (message.content !== null && message.content !== undefined) assertValidContent(message.content, `${where}.content`, true);
        unanswered = new Set();
        for (const [callPosition, call] of toolCalls.entries()) {
          const callWhere = `${where}.tool_calls[${callPosition}]`;
          assert.ok(isPlainObject(call) && call.type === 'function' && typeof call.id === 'string' && call.id !== '', `${callWhere} has an id`);
          assert.ok(isPlainObject(call.function), `${callWhere}.function is an object`);
          assert.match(call.function.name as string, TOOL_NAME, `${callWhere} name`);
          assert.ok(isPlainObject(JSON.parse(call.function.arguments as string)), `${callWhere}.arguments is a JSON object`);
          assert.ok(!unanswered.has(call.id as string), `${callWhere} id is unique`);
          unanswered.add(call.id as string);
        }
        break;
      }
    }
  }
  assert.equal(unanswered.size, 0, `the last tool calls have tool messages (${[...unanswered].join(', ')})`);
}
