import type { StopReason } from '../anthropic/types.ts';
import type { FinishReason } from '../openai/types.ts';

/**
 * `stop_sequence` is never produced: OpenAI does not say which sequence matched.
 * Some OpenAI-compatible servers (vLLM, llama.cpp, Ollama) finish a tool-calling turn with
 * "stop"; Claude Code only runs tools on `tool_use`, so tool calls seen in the answer win.
 */
export function mapOpenAIFinishReason(finishReason: FinishReason | null | undefined, sawToolCalls: boolean): StopReason {
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'content_filter':
      return 'refusal';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    default:
      return sawToolCalls ? 'tool_use' : 'end_turn';
  }
}
