import type { AnthropicStreamEvent } from '../protocol/anthropic/types.ts';
import type { OpenAIUsage } from '../protocol/openai/types.ts';
import { createSseParser } from '../protocol/sse/create-sse-parser.ts';
import { convertOpenAIUsage } from '../protocol/openai-to-anthropic/convert-openai-usage.ts';
import { CanonicalStreamObserver, mergeAnthropicUsage } from './usage-tracker.ts';
import { reportedOpenAIError } from './upstream-error.ts';

/**
 * Watches a same-protocol stream that is forwarded byte for byte, to learn usage, time to
 * first token and errors without re-serialising anything. Only the few events that carry
 * usage are JSON-parsed; content deltas are counted by size.
 */
export interface PassthroughObserver {
  readonly state: CanonicalStreamObserver;
  push(text: string): void;
  end(): void;
}

export function createPassthroughObserver(protocol: 'anthropic' | 'openai'): PassthroughObserver {
  const state = new CanonicalStreamObserver();
  const sse = createSseParser();
  // Some OpenAI-compatible servers end after the finish reason without [DONE]: the answer is whole.
  let sawFinishReason = false;
  const onEvent = protocol === 'anthropic' ? observeAnthropic : (observed: CanonicalStreamObserver, name: string | undefined, data: string) => {
    observeOpenAI(observed, name, data);
    if (!sawFinishReason && FINISH_REASON.test(data)) sawFinishReason = true;
  };
  return {
    state,
    push(text) {
      for (const event of sse.push(text)) onEvent(state, event.event, event.data);
    },
    end() {
      for (const event of sse.end()) onEvent(state, event.event, event.data);
      if (sawFinishReason) state.sawMessageStop = true;
    },
  };
}

function tryParse<T>(data: string): T | undefined {
  try {
    return JSON.parse(data) as T;
  } catch {
    return undefined;
  }
}

/** A set finish reason (a string, not null), with or without a space after the colon. */
const FINISH_REASON = /"finish_reason":\s*"/;

// Envelope bytes of a content_block_delta event around its text, subtracted for the live estimate.
const DELTA_ENVELOPE_CHARS = 70;

function observeAnthropic(state: CanonicalStreamObserver, name: string | undefined, data: string): void {
  if (name === 'content_block_delta') {
    state.sawFirstToken = true;
    state.outputChars += Math.max(1, data.length - DELTA_ENVELOPE_CHARS);
    return;
  }
  if (name === 'message_start' || name === 'message_delta' || name === 'message_stop' || name === 'error' || name === 'content_block_start') {
    const event = tryParse<AnthropicStreamEvent>(data);
    if (event) state.observe(event);
  }
}

function observeOpenAI(state: CanonicalStreamObserver, _name: string | undefined, data: string): void {
  if (data === '[DONE]') {
    state.sawMessageStop = true;
    return;
  }
  if (!state.sawFirstToken && (/"content":\s*"[^"]/.test(data) || /"tool_calls":\s*\[\{/.test(data) || /"reasoning(_content)?":\s*"[^"]/.test(data))) {
    state.sawFirstToken = true;
  }
  if (state.sawFirstToken) state.outputChars += Math.max(1, data.length - 150);
  if (/"usage":\s*\{/.test(data) || data.includes('"error"')) {
    const chunk = tryParse<{ usage?: OpenAIUsage | null; error?: { message?: unknown; type?: unknown; code?: unknown } }>(data);
    if (chunk?.usage) mergeAnthropicUsage(state.usage, convertOpenAIUsage(chunk.usage));
    if (chunk?.error) state.streamError = reportedOpenAIError(chunk.error);
  }
}
