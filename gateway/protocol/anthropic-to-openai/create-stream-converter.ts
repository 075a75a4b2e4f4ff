import { GatewayError } from '../../errors/index.ts';
import type { AnthropicStreamEvent, AnthropicUsage, TextBlock, ThinkingBlock, ToolUseBlock } from '../anthropic/types.ts';
import type { FinishReason, OpenAIChatChunk } from '../openai/types.ts';
import { createCustomToolInputStream, type CustomToolInputStream } from '../shared/custom-tool-input.ts';
import { mergeStreamUsage } from '../anthropic/merge-stream-usage.ts';
import { convertAnthropicUsage } from './convert-anthropic-usage.ts';
import type { OpenAIResponseIdentity } from './convert-response.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';

export interface AnthropicStreamContext extends OpenAIResponseIdentity {
  /** The client's stream_options.include_usage: a final usage chunk with `choices: []`. */
  includeUsage: boolean;
}

export interface AnthropicToOpenAIStreamConverter {
  /**
   * Throws a GatewayError (`provider_stream_interrupted`, 502, the upstream error as `cause`)
   * on an `error` event; the server writes it to the client as an OpenAI error chunk.
   */
  process(event: AnthropicStreamEvent): OpenAIChatChunk[];
}

type ChunkDelta = OpenAIChatChunk['choices'][number]['delta'];

/**
 * Anthropic stream events → OpenAI chunks: a role chunk first, text → `content`, thinking →
 * `reasoning_content`, each tool_use → its own `tool_calls` index (a call to a custom tool with
 * its raw text streamed in `custom.input`, decoded from the arguments as they arrive), the stop reason as
 * `finish_reason`, then the usage chunk if asked for. Dropped: signature and citation deltas,
 * redacted thinking, server-tool blocks, pings.
 */
export function createAnthropicToOpenAIStreamConverter(context: AnthropicStreamContext): AnthropicToOpenAIStreamConverter {
  /** Anthropic block index → OpenAI tool_calls index. */
  const toolCallIndexes = new Map<number, number>();
  /** Anthropic block index → the raw text of a custom tool call streaming there. */
  const customInputs = new Map<number, CustomToolInputStream>();
  let usage: Partial<AnthropicUsage> = {};

  const chunk = (delta: ChunkDelta, finishReason: FinishReason | null = null): OpenAIChatChunk => {
    const out: OpenAIChatChunk = {
      id: context.id,
      object: 'chat.completion.chunk',
      created: context.created,
      model: context.model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
    // OpenAI, with include_usage: "All other chunks will also include a usage field, but with a null value."
    if (context.includeUsage) out.usage = null;
    return out;
  };

  const customInputChunks = (toolCallIndex: number, input: string): OpenAIChatChunk[] => (input === ''
    ? []
    : [chunk({ tool_calls: [{ index: toolCallIndex, custom: { input } }] })]);

  const mergeUsage = (update: Partial<AnthropicUsage>, fromDelta: boolean) => {
    usage = mergeStreamUsage(usage, update, fromDelta);
  };

  return {
    process(event) {
      switch (event.type) {
        case 'message_start':
          mergeUsage(event.message.usage, false);
          return [chunk({ role: 'assistant', content: '' })];
        case 'content_block_start': {
          // ServerToolBlock's open `type` defeats narrowing, hence the casts after each check.
          const block = event.content_block;
          if (block.type === 'tool_use') {
            const toolUse = block as ToolUseBlock;
            const toolCallIndex = toolCallIndexes.size;
            toolCallIndexes.set(event.index, toolCallIndex);
            const initialArguments = toolUse.input && Object.keys(toolUse.input).length > 0 ? JSON.stringify(toolUse.input) : '';
            if (context.customTools.has(toolUse.name)) {
              const customInput = createCustomToolInputStream();
              customInputs.set(event.index, customInput);
              return [chunk({ tool_calls: [{ index: toolCallIndex, id: toolUse.id, type: 'custom', custom: { name: toolUse.name, input: customInput.push(initialArguments) } }] })];
            }
            return [chunk({ tool_calls: [{ index: toolCallIndex, id: toolUse.id, type: 'function', function: { name: toolUse.name, arguments: initialArguments } }] })];
          }
          const text = block.type === 'text' ? (block as TextBlock).text : '';
          if (text) return [chunk({ content: text })];
          const thinking = block.type === 'thinking' ? (block as ThinkingBlock).thinking : '';
          if (thinking) return [chunk({ reasoning_content: thinking })];
          return [];
        }
        case 'content_block_delta': {
          const { delta } = event;
          if (delta.type === 'text_delta') return [chunk({ content: delta.text })];
          if (delta.type === 'thinking_delta') return [chunk({ reasoning_content: delta.thinking })];
          if (delta.type === 'input_json_delta') {
            const toolCallIndex = toolCallIndexes.get(event.index);
            if (toolCallIndex === undefined) return [];
            const customInput = customInputs.get(event.index);
            if (customInput === undefined) return [chunk({ tool_calls: [{ index: toolCallIndex, function: { arguments: delta.partial_json } }] })];
            return customInputChunks(toolCallIndex, customInput.push(delta.partial_json));
          }
          return [];
        }
        case 'content_block_stop': {
          // Custom call arguments of another shape than the one string asked for go out whole here.
          const customInput = customInputs.get(event.index);
          const toolCallIndex = toolCallIndexes.get(event.index);
          if (customInput === undefined || toolCallIndex === undefined) return [];
          customInputs.delete(event.index);
          return customInputChunks(toolCallIndex, customInput.finish().rest);
        }
        case 'message_delta':
          mergeUsage(event.usage, true);
          return [chunk({}, mapAnthropicStopReason(event.delta.stop_reason))];
        case 'message_stop':
          return context.includeUsage
            ? [{ id: context.id, object: 'chat.completion.chunk', created: context.created, model: context.model, choices: [], usage: convertAnthropicUsage(usage) }]
            : [];
        case 'error':
          throw new GatewayError('provider_stream_interrupted', 502, `The upstream reported an error mid-stream (${event.error.type}): ${event.error.message}`, { cause: event.error });
        default:
          return [];
      }
    },
  };
}
