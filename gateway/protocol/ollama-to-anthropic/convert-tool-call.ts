import type { ToolUseBlock } from '../anthropic/types.ts';
import type { OllamaToolCall } from '../ollama/types.ts';

/** Older Ollama versions send tool calls without an id, and Anthropic clients need one to answer. */
export function convertOllamaToolCall(call: OllamaToolCall, idFactory: () => string): ToolUseBlock {
  const id = call.id !== undefined && call.id !== '' ? call.id : idFactory();
  return { type: 'tool_use', id, name: call.function.name, input: call.function.arguments ?? {} };
}
