import type { AnthropicMessagesRequest } from './types.ts';

const isWhitespaceOnly = (stop: string): boolean => stop.trim() === '';

/**
 * Anthropic refuses a stop sequence made only of whitespace (400 "stop_sequences: each stop
 * sequence must contain non-whitespace"), and OpenAI clients often send "\n". Other upstreams
 * honour it, so it is dropped only on the way to Anthropic (LiteLLM #3286).
 */
export function dropWhitespaceStopSequences(request: AnthropicMessagesRequest): AnthropicMessagesRequest {
  const stops = request.stop_sequences;
  if (stops === undefined || !stops.some(isWhitespaceOnly)) return request;
  const { stop_sequences: _dropped, ...rest } = request;
  const kept = stops.filter((stop) => !isWhitespaceOnly(stop));
  return kept.length > 0 ? { ...rest, stop_sequences: kept } : rest;
}
