import type { AnthropicStreamEvent, AnthropicUsage } from '../protocol/anthropic/types.ts';
import type { ReportedStreamError } from './upstream-error.ts';

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Of cacheWriteTokens, those written to the 1-hour cache: priced apart, not stored apart. */
  cacheWrite1hTokens: number;
  /** Anthropic's server-side web searches (Claude Code's WebSearch), charged per search: priced, not stored. */
  webSearchRequests: number;
}

export const zeroUsage = (): UsageTotals => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, webSearchRequests: 0 });

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

/** Merges an Anthropic usage object into totals; later reports of a field win (message_delta is cumulative). */
export function mergeAnthropicUsage(totals: UsageTotals, usage: Partial<AnthropicUsage> | undefined): void {
  if (!usage) return;
  totals.inputTokens = count(usage.input_tokens) ?? totals.inputTokens;
  totals.outputTokens = count(usage.output_tokens) ?? totals.outputTokens;
  totals.cacheReadTokens = count(usage.cache_read_input_tokens) ?? totals.cacheReadTokens;
  totals.cacheWriteTokens = count(usage.cache_creation_input_tokens) ?? totals.cacheWriteTokens;
  totals.cacheWrite1hTokens = count(usage.cache_creation?.ephemeral_1h_input_tokens) ?? totals.cacheWrite1hTokens;
  totals.webSearchRequests = count(usage.server_tool_use?.web_search_requests) ?? totals.webSearchRequests;
}

/**
 * message_delta's usage is cumulative, input side included (Anthropic sends it there too since
 * 2025, larger when server tools added input), so it replaces message_start's. An input-side 0 is
 * the exception: Anthropic-compatible proxies write `input_tokens: 0` there for "not counted here",
 * and a prompt never shrinks, so it leaves message_start's count alone.
 */
function mergeMessageDeltaUsage(totals: UsageTotals, usage: Partial<AnthropicUsage> | undefined): void {
  if (!usage) return;
  const { inputTokens, cacheReadTokens, cacheWriteTokens, cacheWrite1hTokens } = totals;
  mergeAnthropicUsage(totals, usage);
  if (totals.inputTokens === 0) totals.inputTokens = inputTokens;
  if (totals.cacheReadTokens === 0) totals.cacheReadTokens = cacheReadTokens;
  if (totals.cacheWriteTokens === 0) totals.cacheWriteTokens = cacheWriteTokens;
  if (totals.cacheWrite1hTokens === 0) totals.cacheWrite1hTokens = cacheWrite1hTokens;
}

/** Follows a canonical event stream: usage, whether output has started, and errors. */
export class CanonicalStreamObserver {
  readonly usage = zeroUsage();
  /** Characters of generated text so far, for a live tokens/s estimate before the final count. */
  outputChars = 0;
  sawFirstToken = false;
  sawMessageStop = false;
  /** An error event in the stream; `status` when the upstream gave one (an OpenAI-compatible error's numeric code). */
  streamError: ReportedStreamError | null = null;

  observe(event: AnthropicStreamEvent): void {
    switch (event.type) {
      case 'message_start':
        mergeAnthropicUsage(this.usage, event.message.usage);
        break;
      case 'content_block_start':
        if (event.content_block.type === 'tool_use') this.sawFirstToken = true;
        break;
      case 'content_block_delta': {
        this.sawFirstToken = true;
        const delta = event.delta;
        if (delta.type === 'text_delta') this.outputChars += delta.text.length;
        else if (delta.type === 'input_json_delta') this.outputChars += delta.partial_json.length;
        else if (delta.type === 'thinking_delta') this.outputChars += delta.thinking.length;
        break;
      }
      case 'message_delta':
        mergeMessageDeltaUsage(this.usage, event.usage);
        break;
      case 'message_stop':
        this.sawMessageStop = true;
        break;
      case 'error':
        this.streamError = event.error;
        break;
      default:
        break;
    }
  }
}
