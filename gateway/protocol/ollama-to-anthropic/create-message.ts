import type { AnthropicMessageResponse } from '../anthropic/types.ts';

export interface OllamaToAnthropicContext {
  /** The model name the client asked for; Anthropic clients expect it echoed back. */
  model: string;
  messageId: string;
  /** Makes tool_use ids for calls Ollama sent without one. */
  idFactory: () => string;
}

export function createAnthropicMessage(
  context: OllamaToAnthropicContext,
  fields: Pick<AnthropicMessageResponse, 'content' | 'stop_reason' | 'usage'>,
): AnthropicMessageResponse {
  return { id: context.messageId, type: 'message', role: 'assistant', model: context.model, stop_sequence: null, ...fields };
}
