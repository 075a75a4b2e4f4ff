import type { AnthropicMessagesRequest } from './types.ts';

function withoutClearThinking(contextManagement: unknown): unknown {
  const edits = (contextManagement as { edits?: unknown } | null | undefined)?.edits;
  if (!Array.isArray(edits)) return contextManagement;
  const kept = edits.filter((edit) => !String((edit as { type?: unknown } | null)?.type ?? '').startsWith('clear_thinking'));
  return kept.length === 0 ? undefined : { ...(contextManagement as object), edits: kept };
}

/**
 * The request with thinking left out, and with it Claude Code's clear_thinking context edit,
 * which Anthropic refuses without thinking on.
 */
export function withoutThinking(request: AnthropicMessagesRequest): AnthropicMessagesRequest {
  const { thinking: _dropped, context_management: contextManagement, ...rest } = request;
  const kept = withoutClearThinking(contextManagement);
  return kept === undefined ? rest : { ...rest, context_management: kept };
}
