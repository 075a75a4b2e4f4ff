import type { AnthropicStreamEvent } from '../anthropic/types.ts';
import type { OllamaChatChunk, OllamaMetrics, OllamaToolCall } from '../ollama/types.ts';
import { GatewayError } from '../../errors/index.ts';
import { convertOllamaToolCall } from './convert-tool-call.ts';
import { convertOllamaUsage, pickOllamaMetrics, type OllamaUsage } from './convert-usage.ts';
import { createAnthropicMessage, type OllamaToAnthropicContext } from './create-message.ts';
import { mapOllamaStopReason } from './map-stop-reason.ts';

export type { OllamaToAnthropicContext } from './create-message.ts';

export interface OllamaToAnthropicStreamConverter {
  /** Converts one parsed NDJSON chunk; throws a GatewayError when the chunk is Ollama's `{"error"}` line. */
  process(chunk: OllamaChatChunk): AnthropicStreamEvent[];
  /** Usage in Anthropic terms; missing counters read as 0. */
  usage(): OllamaUsage;
  /** Ollama's own counters from the `done` chunk, absent ones left undefined (unknown). */
  metrics(): OllamaMetrics;
}

type DeltaKind = 'text' | 'thinking';

/**
 * Ollama /api/chat NDJSON chunks → Anthropic stream events: `message_start` first, then one
 * block per run of thinking or text, a `tool_use` block per tool call (Ollama sends calls whole,
 * so each carries its full input in one `input_json_delta`), then `message_delta` and
 * `message_stop` when the `done` chunk arrives. Chunks after `done` are ignored. A body that ends
 * without `done` was cut short: the message is left open, with no made-up ending, for the relay
 * to report.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export function createOllamaToAnthropicStreamConverter(context: OllamaToAnthropicContext): OllamaToAnthropicStreamConverter {
  let started = false;
  let finished = false;
  let openBlock: { kind: DeltaKind; index: number } | undefined;
  let nextIndex = 0;
  let sawToolCall = false;
  let metrics: OllamaMetrics = {};

  function ensureStarted(events: AnthropicStreamEvent[]): void {
    if (started) return;
    started = true;
    const usage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    events.push({ type: 'message_start', message: createAnthropicMessage(context, { content: [], stop_reason: null, usage }) });
  }

  function closeOpenBlock(events: AnthropicStreamEvent[]): void {
    if (openBlock === undefined) return;
    events.push({ type: 'content_block_stop', index: openBlock.index });
    openBlock = undefined;
  }

  /** Empty pieces never open a block: Ollama sends `content:""` beside thinking and tool calls. */
  function appendDelta(events: AnthropicStreamEvent[], kind: DeltaKind, text: string | undefined): void {
    if (text === undefined || text === '') return;
    if (openBlock?.kind !== kind) {
      closeOpenBlock(events);
      openBlock = { kind, index: nextIndex++ };
      const contentBlock = kind === 'text' ? { type: 'text' as const, text: '' } : { type: 'thinking' as const, thinking: '' };
      events.push({ type: 'content_block_start', index: openBlock.index, content_block: contentBlock });
    }
    const delta = kind === 'text' ? { type: 'text_delta' as const, text } : { type: 'thinking_delta' as const, thinking: text };
    events.push({ type: 'content_block_delta', index: openBlock.index, delta });
  }

  function appendToolCall(events: AnthropicStreamEvent[], call: OllamaToolCall): void {
    closeOpenBlock(events);
    sawToolCall = true;
    const block = convertOllamaToolCall(call, context.idFactory);
    const index = nextIndex++;
    events.push({ type: 'content_block_start', index, content_block: { ...block, input: {} } });
    events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } });
    events.push({ type: 'content_block_stop', index });
  }

  function end(events: AnthropicStreamEvent[], doneReason: string | undefined): void {
    closeOpenBlock(events);
    finished = true;
    events.push({
      type: 'message_delta',
      delta: { stop_reason: mapOllamaStopReason(doneReason, sawToolCall), stop_sequence: null },
      usage: convertOllamaUsage(metrics),
    });
    events.push({ type: 'message_stop' });
  }

  return {
    process(chunk) {
      // Ollama keeps HTTP 200 and reports a failure as a line of its own.
      if (chunk.error !== undefined) throw new GatewayError('provider_stream_interrupted', 502, `Ollama failed mid-stream: ${chunk.error}`);
      if (finished) return [];
      const events: AnthropicStreamEvent[] = [];
      ensureStarted(events);
      const message = chunk.message;
      if (message !== undefined) {
        appendDelta(events, 'thinking', message.thinking);
        appendDelta(events, 'text', message.content);
        for (const call of message.tool_calls ?? []) appendToolCall(events, call);
      }
      if (chunk.done) {
        metrics = pickOllamaMetrics(chunk);
        end(events, chunk.done_reason);
      }
      return events;
    },
    usage: () => convertOllamaUsage(metrics),
    metrics: () => ({ ...metrics }),
  };
}
