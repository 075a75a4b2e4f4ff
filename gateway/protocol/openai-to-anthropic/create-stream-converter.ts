import type { AnthropicStreamEvent, StopReason } from '../anthropic/types.ts';
import type { OpenAIChatChunk, OpenAIThinkingBlock, OpenAIToolCallDelta } from '../openai/types.ts';
import { convertOpenAIUsage, type AnthropicUsageCounts } from './convert-openai-usage.ts';
import { createToolUseBlock, type ToolUseContext } from './create-tool-use-block.ts';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.ts';
import { GatewayError } from '../../errors/index.ts';
import { CUSTOM_TOOL_INPUT } from '../shared/custom-tool-as-function.ts';

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

type BlockKind = 'text' | 'thinking' | 'redacted_thinking' | 'tool_use';
type ContentBlock = Extract<AnthropicStreamEvent, { type: 'content_block_start' }>['content_block'];
type ContentDelta = Extract<AnthropicStreamEvent, { type: 'content_block_delta' }>['delta'];

/** One block of the answer, in the order the client gets them. */
interface Block {
  kind: BlockKind;
  content: ContentBlock;
  /** queued: behind a tool call whose arguments are unfinished; live: started, not stopped. */
  state: 'queued' | 'live' | 'stopped';
  /** Deltas that arrived while the block was queued. */
  waiting: ContentDelta[];
  /** A tool call's arguments so far: it may close early only once they are a whole JSON object. */
  json: string;
  /** What completes the arguments at the block's stop: a custom call's input is a JSON string still open. */
  closing?: string;
}

/** A tool call's block, the call id that opened it, and whether its input is a custom tool's raw text. */
interface ToolCallBlock {
  block: Block;
  id: string | undefined;
  custom: boolean;
}

/**
 * A call to a custom tool: typed so, or carrying a custom name or input and no function. Some
 * servers echo an empty `custom: {}` on every function call's delta (earendil-works/pi#8504).
 */
function isCustomToolCall(toolCall: OpenAIToolCallDelta): boolean {
  if (toolCall.type === 'custom') return true;
  const custom = toolCall.custom;
  return toolCall.function === undefined && custom !== undefined && (typeof custom.name === 'string' || typeof custom.input === 'string');
}

/**
 * OpenAI chunks → Anthropic stream events (litellm.md §2 "Streaming"):
 * message_start first (zero usage, both cache fields present); a new block index whenever the
 * block kind changes and for every tool call; blank deltas never open blocks; the finish
 * reason closes the open block but message_delta waits for the usage-only chunk that
 * include_usage sends after it (or for finish()), so it carries real usage; exactly one
 * message_delta, message_stop last, nothing after it. No pings.
 *
 * Anthropic blocks are strictly sequential, and Claude Code acts on a tool_use block at its
 * content_block_stop, while an OpenAI upstream may interleave the fragments of parallel tool calls.
 * So a block that starts while a tool call's arguments are not yet a whole JSON object is queued
 * (with its deltas) behind it, and released in order once they are, or at the finish. Calls that
 * come one after another, the usual case, stream live: arguments are parsed once per new block,
 * and while blocks are queued only when a fragment ends in "}".
 */
export function createOpenAIToAnthropicStreamConverter(context: OpenAIStreamContext): OpenAIToAnthropicStreamConverter {
  let started = false;
  let ended = false;
  let nextIndex = 0;
  let live: Block | undefined;
  let liveIndex = 0;
  const queue: Block[] = [];
  /** OpenAI tool-call key → the call's block, and the call id that opened it. */
  const toolBlocks = new Map<number, ToolCallBlock>();
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

  function startBlock(events: AnthropicStreamEvent[], block: Block): void {
    live = block;
    liveIndex = nextIndex;
    nextIndex += 1;
    block.state = 'live';
    events.push({ type: 'content_block_start', index: liveIndex, content_block: block.content });
    for (const delta of block.waiting) events.push({ type: 'content_block_delta', index: liveIndex, delta });
    block.waiting = [];
  }

  function stopLiveBlock(events: AnthropicStreamEvent[]): void {
    if (live === undefined) return;
    if (live.closing !== undefined) events.push({ type: 'content_block_delta', index: liveIndex, delta: { type: 'input_json_delta', partial_json: live.closing } });
    events.push({ type: 'content_block_stop', index: liveIndex });
    live.state = 'stopped';
    live.json = '';
    live = undefined;
  }

  /** A tool call can still grow until its arguments are a whole JSON object; nothing else waits on more. */
  function mayClose(block: Block): boolean {
    if (block.kind !== 'tool_use') return true;
    try {
      const input: unknown = JSON.parse(block.json);
      return typeof input === 'object' && input !== null && !Array.isArray(input);
    } catch {
      return false;
    }
  }

  /** Starts queued blocks in order for as long as the live one is finished. */
  function release(events: AnthropicStreamEvent[]): void {
    while (queue.length > 0 && (live === undefined || mayClose(live))) {
      stopLiveBlock(events);
      startBlock(events, queue.shift()!);
    }
  }

  function stopAll(events: AnthropicStreamEvent[]): void {
    stopLiveBlock(events);
    for (const block of queue.splice(0)) {
      startBlock(events, block);
      stopLiveBlock(events);
    }
  }

  function addBlock(events: AnthropicStreamEvent[], kind: BlockKind, content: ContentBlock): Block {
    const block: Block = { kind, content, state: 'queued', waiting: [], json: '' };
    queue.push(block);
    release(events);
    return block;
  }

  function addDelta(events: AnthropicStreamEvent[], block: Block, delta: ContentDelta): void {
    if (block.state === 'live') events.push({ type: 'content_block_delta', index: liveIndex, delta });
    else block.waiting.push(delta);
  }

  /** The newest block, live or queued: text and thinking continue it when of the same kind. */
  function latestBlock(kind: BlockKind, events: AnthropicStreamEvent[], content: () => ContentBlock): Block {
    const latest = queue.at(-1) ?? live;
    return latest?.kind === kind ? latest : addBlock(events, kind, content());
  }

  function appendText(events: AnthropicStreamEvent[], text: string): void {
    addDelta(events, latestBlock('text', events, () => ({ type: 'text', text: '' })), { type: 'text_delta', text });
  }

  function thinkingBlock(events: AnthropicStreamEvent[]): Block {
    return latestBlock('thinking', events, () => ({ type: 'thinking', thinking: '', signature: '' }));
  }

  function appendThinking(events: AnthropicStreamEvent[], thinking: string): void {
    const block = thinkingBlock(events);
    if (thinking !== '') addDelta(events, block, { type: 'thinking_delta', thinking });
  }

  /** LiteLLM-style signed thinking: the text usually also came as reasoning_content, so it is not repeated. */
  function appendThinkingBlocks(events: AnthropicStreamEvent[], blocks: OpenAIThinkingBlock[], textAlreadySent: boolean): void {
    for (const block of blocks) {
      if (block.type === 'redacted_thinking') {
        addBlock(events, 'redacted_thinking', { type: 'redacted_thinking', data: block.data ?? '' });
        continue;
      }
      if (!textAlreadySent && block.thinking) appendThinking(events, block.thinking);
      if (block.signature) addDelta(events, thinkingBlock(events), { type: 'signature_delta', signature: block.signature });
    }
  }

  function appendToolCall(events: AnthropicStreamEvent[], toolCall: OpenAIToolCallDelta, position: number): void {
    const toolKey = typeof toolCall.index === 'number' ? toolCall.index : position;
    let target = toolBlocks.get(toolKey);
    // A different id under a key already in use is a new call, not more of the old one: Ollama's
    // /v1 sends every parallel call with index 0 (ollama#15457), and a stream without indices keys
    // each chunk's first call as 0. Fragments without an id (or with "") stay with the latest call of that key.
    if (target === undefined || (toolCall.id && target.id && toolCall.id !== target.id)) {
      target = openToolCall(events, toolCall);
      toolBlocks.set(toolKey, target);
    }
    // Arguments that arrive with the call's opening chunk are kept (LiteLLM #24134).
    if (target.custom) {
      const input = toolCall.custom?.input;
      if (input) appendJson(events, target.block, JSON.stringify(input).slice(1, -1));
      return;
    }
    const fragment = toolCall.function?.arguments;
    if (!fragment) return;
    const { block } = target;
    if (block.state === 'stopped') {
      // A call is stopped before the finish only once its arguments were a whole JSON object, and
      // nothing but whitespace can follow one in valid JSON. Anything else would be sent after the
      // block's stop, where Claude Code no longer reads it (it may already be running the tool),
      // or dropped; either way the client would act on input the model did not send, so the
      // answer fails visibly instead.
      if (fragment.trim() === '') return;
      throw new GatewayError('provider_bad_response', 502, `The OpenAI-compatible upstream sent more arguments for tool call ${target.id ?? toolKey} after they had formed a complete JSON object (${JSON.stringify(fragment.slice(0, 80))}); the call's input cannot be known, so the answer stops here.`);
    }
    appendJson(events, block, fragment);
    if (queue.length > 0 && block === live && fragment.trimEnd().endsWith('}')) release(events);
  }

  /**
   * A call's block. A custom (freeform) tool's raw text takes the canonical one-string shape
   * (custom-tool-as-function.ts), as in a whole answer: its JSON opens here, each piece of text
   * follows as string content, and the closing quote and brace go at the block's stop, so the
   * call holds back the blocks after it until the finish (nothing in its text says it is done).
   */
  function openToolCall(events: AnthropicStreamEvent[], toolCall: OpenAIToolCallDelta): ToolCallBlock {
    const custom = isCustomToolCall(toolCall);
    const content = createToolUseBlock({ id: toolCall.id, name: custom ? toolCall.custom?.name : toolCall.function?.name }, {}, context, toolCount);
    toolCount += 1;
    const block = addBlock(events, 'tool_use', content);
    if (custom) {
      appendJson(events, block, `{${JSON.stringify(CUSTOM_TOOL_INPUT)}:"`);
      block.closing = '"}';
    }
    return { block, id: toolCall.id, custom };
  }

  function appendJson(events: AnthropicStreamEvent[], block: Block, fragment: string): void {
    block.json += fragment;
    addDelta(events, block, { type: 'input_json_delta', partial_json: fragment });
  }

  function end(events: AnthropicStreamEvent[]): void {
    stopAll(events);
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
          stopAll(events);
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
