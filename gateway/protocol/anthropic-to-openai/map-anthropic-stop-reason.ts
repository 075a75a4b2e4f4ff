import type { StopReason } from '../anthropic/types.ts';
import type { FinishReason } from '../openai/types.ts';

/** pause_turn (a server tool paused the turn) has no OpenAI meaning beyond "the turn ended". */
export function mapAnthropicStopReason(stopReason: StopReason | null | undefined): FinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
