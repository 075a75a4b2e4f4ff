import { GEMINI_SIGNATURE_SEPARATOR } from '../shared/gemini-signature.ts';

/**
 * Anthropic tool_use ids are `[A-Za-z0-9_-]+` and clients check it; OpenAI-compatible servers
 * send ids such as Kimi's `functions.Bash:0`. A Gemini thought signature embedded in the id is
 * split off so it can be put back when the history goes upstream again.
 */
export function normalizeToolCallId(id: string): { id: string; signature?: string } {
  const separator = id.indexOf(GEMINI_SIGNATURE_SEPARATOR);
  const bareId = separator === -1 ? id : id.slice(0, separator);
  const normalized = bareId.replace(/[^A-Za-z0-9_-]/g, '_');
  return separator === -1 ? { id: normalized } : { id: normalized, signature: id.slice(separator + GEMINI_SIGNATURE_SEPARATOR.length) };
}

/** For upstreams that omit the id: unique within the conversation because the message id is. */
export const fallbackToolUseId = (messageId: string, position: number): string => `toolu_${messageId.replace(/[^A-Za-z0-9_-]/g, '_')}_${position}`;
