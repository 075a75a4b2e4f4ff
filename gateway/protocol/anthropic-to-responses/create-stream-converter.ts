import { GatewayError } from '../../errors/index.ts';
import type { AnthropicStreamEvent, AnthropicUsage, StopReason, TextBlock, ThinkingBlock, ToolUseBlock } from '../anthropic/types.ts';
import { mergeStreamUsage } from '../anthropic/merge-stream-usage.ts';
import { toOpenAIErrorBody } from '../errors/format-error-body.ts';
import type { ResponsesOutputItem, ResponsesStreamEvent } from '../responses/types.ts';
import { convertUsageToResponses } from './convert-usage.ts';
import { createResponse, outputItemId, statusOf, type ResponsesIdentity } from './create-response.ts';
import { createCustomToolInputStream, type CustomToolInputStream } from '../shared/custom-tool-input.ts';
import { customToolNames } from './custom-tool-call.ts';

export interface AnthropicToResponsesStreamConverter {
  /**
   * Throws a GatewayError (`provider_stream_interrupted`, 502, the upstream error as `cause`) on
   * an `error` event; the server then writes `fail(error)` to the client.
   */
  process(event: AnthropicStreamEvent): ResponsesStreamEvent[];
  /** The events that end the stream with an error, numbered after everything sent so far. */
  fail(error: GatewayError): ResponsesStreamEvent[];
}

/** One open output item, keyed by the Anthropic block index it comes from. */
interface OpenItem {
  outputIndex: number;
  item: ResponsesOutputItem;
  /** The text, summary or function arguments streamed so far. */
  text: string;
  /** A custom tool call's raw text, decoded as its arguments stream. */
  customInput?: CustomToolInputStream;
}

/**
 * Canonical (Anthropic) stream events → the Responses event sequence the OpenAI SDK's
 * `responses.stream()` accumulates: response.created and .in_progress on message_start; per
 * content block an output item (text → message with one output_text part, thinking → reasoning
 * with one summary part, tool_use → function_call or custom_tool_call), its deltas, and its .done
 * events on content_block_stop; response.completed (or .incomplete, at the output limit) on message_stop.
 * Every event carries a growing sequence_number. Dropped, as in the non-streamed answer:
 * signature and citation deltas, redacted thinking, server-tool blocks, pings.
 */
export function createAnthropicToResponsesStreamConverter(identity: ResponsesIdentity): AnthropicToResponsesStreamConverter {
  let sequence = 0;
  let started = false;
  let ended = false;
  let usage: Partial<AnthropicUsage> = {};
  let stopReason: StopReason | null = null;
  const output: ResponsesOutputItem[] = [];
  const open = new Map<number, OpenItem>();
  const customTools = customToolNames(identity.request);

  const event = (type: string, fields: Record<string, unknown>): ResponsesStreamEvent => ({ type, sequence_number: sequence++, ...fields });
  const copy = <T>(value: T): T => structuredClone(value);

  function startItem(index: number, item: ResponsesOutputItem, text: string): ResponsesStreamEvent[] {
    const outputIndex = output.length;
    output.push(item);
    open.set(index, { outputIndex, item, text: '', ...(item.type === 'custom_tool_call' ? { customInput: createCustomToolInputStream() } : {}) });
    const events = [event('response.output_item.added', { output_index: outputIndex, item: copy(item) })];
    if (item.type === 'message') {
      events.push(event('response.content_part.added', { item_id: item.id, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }));
    } else if (item.type === 'reasoning') {
      events.push(event('response.reasoning_summary_part.added', { item_id: item.id, output_index: outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' } }));
    }
    if (text !== '') events.push(...appendText(open.get(index)!, text));
    return events;
  }

  const customInputDelta = (itemId: string, outputIndex: number, delta: string): ResponsesStreamEvent[] => (delta === ''
    ? []
    : [event('response.custom_tool_call_input.delta', { item_id: itemId, output_index: outputIndex, delta })]);

  function appendText(target: OpenItem, delta: string): ResponsesStreamEvent[] {
    const { item, outputIndex, customInput } = target;
    // A custom call's raw text is the string inside its streamed arguments (`{"input":"…"}`).
    if (customInput !== undefined) return customInputDelta(item.id!, outputIndex, customInput.push(delta));
    target.text += delta;
    if (item.type === 'message') return [event('response.output_text.delta', { item_id: item.id, output_index: outputIndex, content_index: 0, delta, logprobs: [] })];
    if (item.type === 'reasoning') return [event('response.reasoning_summary_text.delta', { item_id: item.id, output_index: outputIndex, summary_index: 0, delta })];
    return [event('response.function_call_arguments.delta', { item_id: item.id, output_index: outputIndex, delta })];
  }

  function finishItem(target: OpenItem): ResponsesStreamEvent[] {
    const { item, outputIndex, text, customInput } = target;
    const events: ResponsesStreamEvent[] = [];
    if (item.type === 'message') {
      const part = { type: 'output_text' as const, text, annotations: [] };
      events.push(event('response.output_text.done', { item_id: item.id, output_index: outputIndex, content_index: 0, text, logprobs: [] }));
      events.push(event('response.content_part.done', { item_id: item.id, output_index: outputIndex, content_index: 0, part: copy(part) }));
      item.content = [part];
      item.status = 'completed';
    } else if (item.type === 'reasoning') {
      const part = { type: 'summary_text' as const, text };
      events.push(event('response.reasoning_summary_text.done', { item_id: item.id, output_index: outputIndex, summary_index: 0, text }));
      events.push(event('response.reasoning_summary_part.done', { item_id: item.id, output_index: outputIndex, summary_index: 0, part: copy(part) }));
      item.summary = [part];
    } else if (item.type === 'custom_tool_call') {
      const { input, rest } = customInput!.finish();
      item.input = input;
      item.status = 'completed';
      events.push(...customInputDelta(item.id, outputIndex, rest));
      events.push(event('response.custom_tool_call_input.done', { item_id: item.id, output_index: outputIndex, input: item.input }));
    } else {
      // A call without arguments streams none; its arguments are still a JSON object.
      item.arguments = text === '' ? '{}' : text;
      item.status = 'completed';
      events.push(event('response.function_call_arguments.done', { item_id: item.id, output_index: outputIndex, name: item.name, arguments: item.arguments }));
    }
    events.push(event('response.output_item.done', { output_index: outputIndex, item: copy(item) }));
    return events;
  }

  function startBlock(index: number, block: Extract<AnthropicStreamEvent, { type: 'content_block_start' }>['content_block']): ResponsesStreamEvent[] {
    const outputIndex = output.length;
    // ServerToolBlock's open `type` defeats narrowing, hence the casts after each check.
    if (block.type === 'text') {
      return startItem(index, { type: 'message', id: outputItemId(identity, 'msg', outputIndex), role: 'assistant', status: 'in_progress', content: [] }, (block as TextBlock).text);
    }
    if (block.type === 'thinking') {
      return startItem(index, { type: 'reasoning', id: outputItemId(identity, 'rs', outputIndex), summary: [] }, (block as ThinkingBlock).thinking);
    }
    if (block.type === 'tool_use') {
      const toolUse = block as ToolUseBlock;
      const initialArguments = toolUse.input && Object.keys(toolUse.input).length > 0 ? JSON.stringify(toolUse.input) : '';
      const call = { call_id: toolUse.id, name: toolUse.name, status: 'in_progress' as const };
      const item: ResponsesOutputItem = customTools.has(toolUse.name)
        ? { type: 'custom_tool_call', id: outputItemId(identity, 'ctc', outputIndex), ...call, input: '' }
        : { type: 'function_call', id: outputItemId(identity, 'fc', outputIndex), ...call, arguments: '' };
      return startItem(index, item, initialArguments);
    }
    return [];
  }

  function deltaOf(index: number, delta: Extract<AnthropicStreamEvent, { type: 'content_block_delta' }>['delta']): ResponsesStreamEvent[] {
    const target = open.get(index);
    if (target === undefined) return [];
    const kind = target.item.type;
    if (delta.type === 'text_delta' && kind === 'message') return appendText(target, delta.text);
    if (delta.type === 'thinking_delta' && kind === 'reasoning') return appendText(target, delta.thinking);
    if (delta.type === 'input_json_delta' && (kind === 'function_call' || kind === 'custom_tool_call')) return appendText(target, delta.partial_json);
    return [];
  }

  const responseNow = (state: Parameters<typeof createResponse>[1]) => createResponse(identity, { ...state, output: copy(state.output) });

  return {
    process(anthropicEvent) {
      if (ended) return [];
      switch (anthropicEvent.type) {
        case 'message_start': {
          if (started) return [];
          started = true;
          usage = mergeStreamUsage(usage, anthropicEvent.message.usage, false);
          const response = responseNow({ status: 'in_progress', output: [] });
          return [event('response.created', { response }), event('response.in_progress', { response: copy(response) })];
        }
        case 'content_block_start':
          return startBlock(anthropicEvent.index, anthropicEvent.content_block);
        case 'content_block_delta':
          return deltaOf(anthropicEvent.index, anthropicEvent.delta);
        case 'content_block_stop': {
          const target = open.get(anthropicEvent.index);
          if (target === undefined) return [];
          open.delete(anthropicEvent.index);
          return finishItem(target);
        }
        case 'message_delta':
          usage = mergeStreamUsage(usage, anthropicEvent.usage, true);
          stopReason = anthropicEvent.delta.stop_reason;
          return [];
        case 'message_stop': {
          ended = true;
          const { status, incomplete_details } = statusOf(stopReason);
          const response = responseNow({ status, incomplete_details, output, usage: convertUsageToResponses(usage) });
          return [event(status === 'completed' ? 'response.completed' : 'response.incomplete', { response })];
        }
        case 'error':
          throw new GatewayError('provider_stream_interrupted', 502, `The upstream reported an error mid-stream (${anthropicEvent.error.type}): ${anthropicEvent.error.message}`, { cause: anthropicEvent.error });
        default:
          return [];
      }
    },
    /**
     * `response.failed` carries the failure in the response (Codex CLI reads it there), then an
     * `error` event with the documented top-level code/message/param and, as OpenAI itself
     * sends it, the same error nested under `error`: the OpenAI SDK's stream throws an APIError
     * only for an event whose data has an `error` object.
     */
    fail(error) {
      if (ended) return [];
      ended = true;
      const body = toOpenAIErrorBody(error).error;
      const events: ResponsesStreamEvent[] = [];
      if (started) {
        const code = error.status === 429 ? 'rate_limit_exceeded' : 'server_error';
        const response = responseNow({ status: 'failed', error: { code, message: error.message }, output, usage: convertUsageToResponses(usage) });
        events.push(event('response.failed', { response }));
      }
      events.push(event('error', { code: body.code, message: body.message, param: null, error: body }));
      return events;
    },
  };
}
