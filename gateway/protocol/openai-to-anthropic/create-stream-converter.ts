import type { AnthropicStreamEvent, StopReason } from '../anthropic/types.ts';
import type { OpenAIChatChunk, OpenAIThinkingBlock, OpenAIToolCallDelta } from '../openai/types.ts';
import { convertOpenAIUsage, type AnthropicUsageCounts } from './convert-openai-usage.ts';
import { createToolUseBlock, type ToolUseContext } from './create-tool-use-block.ts';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.ts';

export interface OpenAIStreamContext extends ToolUseContext {
  /** The model name the client asked for. */
  model: string;
}

export interface OpenAIToAnthropicStreamConverter {
  /** `message_start` if it has not been sent: lets the pipeline send it as soon as the upstream answers. */
  start(): AnthropicStreamEvent[];
  process(chunk: OpenAIChatChunk): AnthropicStreamEvent[];
  /** At upstream end of stream ([DONE] or EOF): closes what is open and ends the message if the chunks did not. */
  finish(): AnthropicStreamEvent[];
  /** Usage seen so far, so that an aborted request is still recorded. */
  usage(): AnthropicUsageCounts;
}

type BlockKind = 'text' | 'thinking' | 'tool_use';

/**
 * OpenAI chunks → Anthropic stream events (litellm.md §2 "Streaming"):
 * message_start first (zero usage, both cache fields present); a new block index whenever the
 * block kind changes and for every tool call; blank deltas never open blocks; the finish
 * reason closes the open block but message_delta waits for the usage-only chunk that
 * include_usage sends after it (or for finish()), so it carries real usage; exactly one
 * message_delta, message_stop last, nothing after it. No pings.
 */
export function createOpenAIToAnthropicStreamConverter(context: OpenAIStreamContext): OpenAIToAnthropicStreamConverter {
  let started = false;
  let ended = false;
  let nextIndex = 0;
  let open: BlockKind | undefined;
  let openIndex = 0;
  /** OpenAI tool-call index → the Anthropic block its fragments go to, and the call id that opened it. */
  const toolBlocks = new Map<number, { index: number; id: string | undefined }>();
  let toolCount = 0;
  let stopReason: StopReason | undefined;
  let counts: AnthropicUsageCounts = { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };

  function start(events: AnthropicStreamEvent[]): void {
    if (started) return;
    started = true;
    events.push({
      type: 'message_start',
      message: {
        id: context.messageId,
        type: 'message',
        role: 'assistant',
        model: context.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    });
  }

  function closeOpenBlock(events: AnthropicStreamEvent[]): void {
    if (open === undefined) return;
    events.push({ type: 'content_block_stop', index: openIndex });
    open = undefined;
  }

  function openBlock(events: AnthropicStreamEvent[], kind: BlockKind, contentBlock: Extract<AnthropicStreamEvent, { type: 'content_block_start' }>['content_block']): number {
    closeOpenBlock(events);
    open = kind;
    openIndex = nextIndex;
    nextIndex += 1;
    events.push({ type: 'content_block_start', index: openIndex, content_block: contentBlock });
    return openIndex;
  }

  function appendText(events: AnthropicStreamEvent[], text: string): void {
    if (open !== 'text') openBlock(events, 'text', { type: 'text', text: '' });
    events.push({ type: 'content_block_delta', index: openIndex, delta: { type: 'text_delta', text } });
  }

  function appendThinking(events: AnthropicStreamEvent[], thinking: string): void {
    if (open !== 'thinking') openBlock(events, 'thinking', { type: 'thinking', thinking: '', signature: '' });
    if (thinking !== '') events.push({ type: 'content_block_delta', index: openIndex, delta: { type: 'thinking_delta', thinking } });
  }

  /** LiteLLM-style signed thinking: the text usually also came as reasoning_content, so it is not repeated. */
  function appendThinkingBlocks(events: AnthropicStreamEvent[], blocks: OpenAIThinkingBlock[], textAlreadySent: boolean): void {
    for (const block of blocks) {
      if (block.type === 'redacted_thinking') {
        openBlock(events, 'thinking', { type: 'redacted_thinking', data: block.data ?? '' });
        closeOpenBlock(events);
        continue;
      }
      if (!textAlreadySent && block.thinking) appendThinking(events, block.thinking);
      if (block.signature) {
        appendThinking(events, '');
        events.push({ type: 'content_block_delta', index: openIndex, delta: { type: 'signature_delta', signature: block.signature } });
      }
    }
  }

  function appendToolCall(events: AnthropicStreamEvent[], toolCall: OpenAIToolCallDelta, position: number): void {
    const toolKey = typeof toolCall.index === 'number' ? toolCall.index : position;
    let target = toolBlocks.get(toolKey);
    // A different id under a key already in use is a new call, not more of the old one: Ollama's
    // /v1 sends every parallel call with index 0 (ollama#15457), and a stream without indices keys
    // each chunk's first call as 0. Fragments without an id (or with "") stay with the latest call of that key.
    if (target === undefined || (toolCall.id && target.id && toolCall.id !== target.id)) {
      const block = createToolUseBlock({ id: toolCall.id, name: toolCall.function?.name }, {}, context, toolCount);
      target = { index: openBlock(events, 'tool_use', block), id: toolCall.id };
      toolCount += 1;
      toolBlocks.set(toolKey, target);
    }
    const { index } = target;
    // Arguments that arrive with the call's opening chunk are kept (LiteLLM #24134). Fragments
    // of a call that is no longer the open block (interleaved parallel calls, rare) still go to
    // the call's own index rather than being lost: clients accumulate tool input by index.
    const fragment = toolCall.function?.arguments;
    if (fragment) events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: fragment } });
  }

  function end(events: AnthropicStreamEvent[]): void {
    closeOpenBlock(events);
    events.push({
      type: 'message_delta',
      delta: { stop_reason: stopReason ?? mapOpenAIFinishReason(undefined, toolCount > 0), stop_sequence: null },
      usage: { ...counts },
    });
    events.push({ type: 'message_stop' });
    ended = true;
  }

  return {
    start() {
      const events: AnthropicStreamEvent[] = [];
      start(events);
      return events;
    },
    process(chunk) {
      if (chunk.usage) counts = convertOpenAIUsage(chunk.usage);
      if (ended) return [];
      const events: AnthropicStreamEvent[] = [];
      start(events);
      const choice = chunk.choices?.[0];
      if (choice !== undefined && stopReason === undefined) {
        const delta = choice.delta ?? {};
        const reasoning = delta.reasoning_content || delta.reasoning;
        if (reasoning) appendThinking(events, reasoning);
        if (delta.thinking_blocks) appendThinkingBlocks(events, delta.thinking_blocks, Boolean(reasoning));
        const text = delta.content || delta.refusal;
        if (text) appendText(events, text);
        delta.tool_calls?.forEach((toolCall, position) => appendToolCall(events, toolCall, position));
        if (choice.finish_reason) {
          closeOpenBlock(events);
          stopReason = mapOpenAIFinishReason(choice.finish_reason, toolCount > 0);
        }
      }
      if (stopReason !== undefined && chunk.usage) end(events);
      return events;
    },
    finish() {
      if (ended) return [];
      const events: AnthropicStreamEvent[] = [];
      start(events);
      end(events);
      return events;
    },
    usage: () => ({ ...counts }),
  };
}
