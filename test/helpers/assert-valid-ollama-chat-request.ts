import assert from 'node:assert/strict';

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);
const THINK_LEVELS = new Set(['low', 'medium', 'high']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface OpenCall {
  id: unknown;
  name: unknown;
}

function assertValidMessage(message: unknown, where: string, openCalls: readonly OpenCall[]): OpenCall[] {
  assert.ok(isPlainObject(message), `${where} is an object`);
  assert.ok(ROLES.has(message.role as string), `${where}.role is one of ${[...ROLES].join(', ')}`);
  assert.equal(typeof message.content, 'string', `${where}.content is a string`);
  if (message.images !== undefined) {
    assert.ok(Array.isArray(message.images), `${where}.images is an array`);
    for (const image of message.images) assert.ok(typeof image === 'string' && !image.startsWith('data:'), `${where}.images holds bare base64`);
  }
  if (message.role === 'tool') {
    assert.ok(openCalls.length > 0, `${where}: a tool message follows an assistant message with tool_calls`);
    const answered = openCalls.find((call) => message.tool_call_id === undefined || call.id === message.tool_call_id);
    assert.ok(answered, `${where}: tool_call_id ${String(message.tool_call_id)} answers a call of the preceding assistant turn`);
    if (message.tool_name !== undefined) assert.equal(message.tool_name, answered.name, `${where}: tool_name matches its call`);
    return [...openCalls];
  }
  if (message.tool_calls === undefined) return [];
  assert.equal(message.role, 'assistant', `${where}: only assistant messages carry tool_calls`);
  assert.ok(Array.isArray(message.tool_calls) && message.tool_calls.length > 0, `${where}.tool_calls is a non-empty array`);
  return message.tool_calls.map((call: unknown) => {
    assert.ok(isPlainObject(call) && isPlainObject(call.function), `${where}: a tool call has a function`);
    assert.ok(typeof call.function.name === 'string' && call.function.name.length > 0, `${where}: a tool call is named`);
    assert.ok(isPlainObject(call.function.arguments), `${where}: tool call arguments are an object, not a string`);
    return { id: call.id, name: call.function.name };
  });
}

/**
 * Asserts that a value is a request Ollama's /api/chat accepts and a chat template can render:
 * known roles, string content, bare base64 images, object tool arguments, every tool message
 * right after the assistant turn whose call it answers (matching id and name when given),
 * numeric options, and nothing that JSON would silently lose.
 * @see https://github.com/ollama/ollama/blob/main/api/types.go (ChatRequest, Message, ToolCall)
 */
export function assertValidOllamaChatRequest(request: unknown): void {
  assert.deepEqual(JSON.parse(JSON.stringify(request)), request, 'the request survives JSON unchanged');
  assert.ok(isPlainObject(request), 'the request is an object');
  assert.ok(typeof request.model === 'string' && request.model.length > 0, 'model is set');
  assert.ok(Array.isArray(request.messages) && request.messages.length > 0, 'messages is a non-empty array');
  let openCalls: OpenCall[] = [];
  request.messages.forEach((message: unknown, position: number) => {
    openCalls = assertValidMessage(message, `messages[${position}]`, openCalls);
  });

  if (request.tools !== undefined) {
    assert.ok(Array.isArray(request.tools), 'tools is an array');
    for (const tool of request.tools) {
      assert.ok(isPlainObject(tool) && tool.type === 'function' && isPlainObject(tool.function), 'each tool is a function tool');
      assert.ok(typeof tool.function.name === 'string' && tool.function.name.length > 0, 'each tool is named');
      assert.ok(isPlainObject(tool.function.parameters), `tool ${String(tool.function.name)} has object parameters`);
    }
  }
  if (request.options !== undefined) {
    assert.ok(isPlainObject(request.options), 'options is an object');
    for (const [key, value] of Object.entries(request.options)) {
      if (key === 'stop') assert.ok(Array.isArray(value) && value.every((item) => typeof item === 'string'), 'options.stop is a string array');
      else assert.ok(typeof value === 'number' && Number.isFinite(value), `options.${key} is a finite number`);
    }
  }
  if (request.think !== undefined) assert.ok(typeof request.think === 'boolean' || THINK_LEVELS.has(request.think as string), 'think is a boolean or a level');
  if (request.stream !== undefined) assert.equal(typeof request.stream, 'boolean');
  if (request.format !== undefined) assert.ok(request.format === 'json' || isPlainObject(request.format), 'format is "json" or a schema');
  if (request.keep_alive !== undefined) assert.ok(['string', 'number'].includes(typeof request.keep_alive), 'keep_alive is a duration or seconds');
}
