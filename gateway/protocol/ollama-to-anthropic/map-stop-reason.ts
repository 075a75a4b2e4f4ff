import type { StopReason } from '../anthropic/types.ts';

/**
 * Ollama reports `stop` even when the turn ended in tool calls, so a seen tool call wins: without
 * `tool_use` Claude Code would not run the tool and the turn would be lost (LiteLLM #34692).
 * Ollama does not say which stop sequence matched, so a stop is always `end_turn`.
 * @see https://github.com/BerriAI/litellm/issues/34692
 */
export function mapOllamaStopReason(doneReason: string | undefined, sawToolCall: boolean): StopReason {
  if (sawToolCall) return 'tool_use';
  return doneReason === 'length' ? 'max_tokens' : 'end_turn';
}
