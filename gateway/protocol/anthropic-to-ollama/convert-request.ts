/**
 * Anthropic Messages request (the canonical form) → Ollama native /api/chat request.
 *
 * Carried: system (top-level string or blocks, and the mid-array `role:"system"` messages
 * Claude Code sends) as system messages in place; text; base64 images as `images`; tool_use as
 * assistant `tool_calls` with object arguments and the original ids; tool_result as `role:"tool"`
 * messages right after the assistant turn that called them, with `tool_name` looked up from the
 * matching tool_use; thinking history as the assistant `thinking` field; custom tools; thinking
 * on/off as `think`; json_schema output as `format`; max_tokens, temperature, top_p, top_k and
 * stop_sequences as `options`; num_ctx and keep_alive from the deployment.
 *
 * Dropped on purpose, because /api/chat has nowhere to put them:
 * - `cache_control`: Ollama reuses its KV cache by prompt prefix on its own.
 * - `tool_choice` any/tool and `disable_parallel_tool_use`: Ollama cannot force or limit calls;
 *   the tools are still sent. `tool_choice: none` omits the tools, so the model cannot call any.
 * - Anthropic-hosted tools (`web_search_*`, `bash_*`, `text_editor_*`, …): Ollama runs no server
 *   tools and we do not know their schemas.
 * - `redacted_thinking`, thinking signatures and server-tool blocks in history: opaque to
 *   another model.
 * - `thinking.budget_tokens` and `output_config.effort`: Ollama has no budget; only gpt-oss takes
 *   an effort level (see `convertThinking`).
 * - URL and file images, and non-text documents: Ollama takes only inline base64 images, so a
 *   placeholder text says what was left out instead of losing it silently.
 * - `tool_result.is_error`: no field; the content is prefixed with "Error: " so the model still
 *   knows the call failed.
 * - `metadata`, `service_tier`, `context_management`, citations.
 * - Claude Code's `x-anthropic-billing-header` system block: metadata for Anthropic, not an instruction.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
import type {
  AnthropicMessagesRequest,
  AnthropicTool,
  ContentBlock,
  CustomTool,
  DocumentBlock,
  ImageBlock,
  TextBlock,
  ThinkingBlock,
  ToolResultBlock,
  ToolUseBlock,
} from '../anthropic/types.ts';
import type { OllamaChatMessage, OllamaChatRequest, OllamaOptions, OllamaTool, OllamaToolCall } from '../ollama/types.ts';
import { isClaudeCodeBillingHeader } from '../shared/claude-code-billing-header.ts';
import { isThinkingOff } from '../anthropic/is-thinking-off.ts';

export interface AnthropicToOllamaOptions {
  /** The model name Ollama knows, such as `qwen3:8b`. */
  upstreamModel: string;
  /** Context window to load the model with; Ollama's own default is far too small for Claude Code. */
  numCtx?: number;
  /** How long Ollama keeps the model loaded afterwards: a duration string, seconds, 0 to unload, negative for ever. */
  keepAlive?: string | number;
  /**
   * Whether the model has the `thinking` capability (model_info.supports_reasoning, or learnt
   * from Ollama's refusal). Ollama answers 400 when `think:true` goes to a model without it, and
   * Claude Code asks for thinking on every call, so `false` leaves `think` out. Unknown
   * (undefined) sends it.
   */
  supportsThinking?: boolean;
}

/** Anthropic keeps consecutive text blocks apart; a blank line keeps them apart in one string. */
const BLOCK_SEPARATOR = '\n\n';

export function convertAnthropicRequestToOllama(request: AnthropicMessagesRequest, options: AnthropicToOllamaOptions): OllamaChatRequest {
  const messages: OllamaChatMessage[] = [];
  const systemText = joinSystemText(request.system ?? '');
  if (systemText !== '') messages.push({ role: 'system', content: systemText });

  const toolNamesById = new Map<string, string>();
  for (const message of request.messages) {
    if (message.role === 'assistant') messages.push(convertAssistantContent(message.content, toolNamesById));
    else if (message.role === 'system') messages.push({ role: 'system', content: joinSystemText(message.content) });
    else messages.push(...convertUserContent(message.content, toolNamesById));
  }

  // Ollama streams unless told otherwise, while an Anthropic request without `stream` wants one JSON reply.
  const ollamaRequest: OllamaChatRequest = { model: options.upstreamModel, messages, stream: request.stream === true };
  const tools = convertTools(request);
  if (tools.length > 0) ollamaRequest.tools = tools;
  const think = convertThinking(request, options);
  if (think !== undefined) ollamaRequest.think = think;
  const format = request.output_config?.format ?? request.output_format;
  if (format?.type === 'json_schema') ollamaRequest.format = format.schema;
  ollamaRequest.options = convertOptions(request, options);
  if (options.keepAlive !== undefined) ollamaRequest.keep_alive = options.keepAlive;
  return ollamaRequest;
}

/** Claude Code's billing header is left out: at the head of the prompt it would void Ollama's KV cache whenever it changes. */
function joinSystemText(content: string | readonly ContentBlock[]): string {
  if (typeof content === 'string') return content;
  const texts = content.filter((block): block is TextBlock => block.type === 'text' && !isClaudeCodeBillingHeader(block as TextBlock));
  return texts.map((block) => block.text).join(BLOCK_SEPARATOR);
}

/** Text and images gathered from user-side blocks, which Ollama keeps in two separate fields. */
interface CollectedContent {
  texts: string[];
  images: string[];
}

/**
 * Other blocks a tool_result may hold (tool_reference from tool search, search_result) have no
 * Ollama form and are left out, as the OpenAI converter does.
 */
function collectBlock(block: TextBlock | ImageBlock | DocumentBlock, collected: CollectedContent): void {
  if (block.type === 'text') collected.texts.push(block.text);
  else if (block.type === 'image') collectImage(block, collected);
  else if (block.type === 'document') collectDocument(block, collected);
}

function collectImage(block: ImageBlock, collected: CollectedContent): void {
  const source = block.source;
  if (source.type === 'base64') collected.images.push(source.data);
  else if (source.type === 'url') collected.texts.push(`[image not sent: ${source.url} (Ollama accepts only inline base64 images)]`);
  else collected.texts.push(`[image not sent: Anthropic file ${source.file_id} (Ollama accepts only inline base64 images)]`);
}

function collectDocument(block: DocumentBlock, collected: CollectedContent): void {
  const source = block.source;
  const label = block.title ? `document "${block.title}"` : 'document';
  if (source.type === 'text') {
    collected.texts.push(block.title ? `${block.title}${BLOCK_SEPARATOR}${source.data}` : source.data);
  } else if (source.type === 'content') {
    if (typeof source.content === 'string') collected.texts.push(source.content);
    else for (const inner of source.content) collectBlock(inner, collected);
  } else if (source.type === 'base64') {
    collected.texts.push(`[${label} not sent: ${source.media_type} (Ollama accepts only text and images)]`);
  } else if (source.type === 'url') {
    collected.texts.push(`[${label} not sent: ${source.url} (Ollama accepts only text and images)]`);
  } else {
    collected.texts.push(`[${label} not sent: Anthropic file ${source.file_id} (Ollama accepts only text and images)]`);
  }
}

function withImages(message: OllamaChatMessage, images: string[]): OllamaChatMessage {
  return images.length > 0 ? { ...message, images } : message;
}

/**
 * Tool results come first: Ollama's chat templates expect them directly after the assistant
 * turn that made the calls, and Anthropic allows text after them in the same user turn.
 */
function convertUserContent(content: string | ContentBlock[], toolNamesById: ReadonlyMap<string, string>): OllamaChatMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const messages: OllamaChatMessage[] = [];
  const collected: CollectedContent = { texts: [], images: [] };
  for (const block of content) {
    if (block.type === 'tool_result') messages.push(convertToolResult(block as ToolResultBlock, toolNamesById));
    else if (block.type === 'text' || block.type === 'image' || block.type === 'document') collectBlock(block as TextBlock | ImageBlock | DocumentBlock, collected);
  }
  if (collected.texts.length > 0 || collected.images.length > 0) {
    messages.push(withImages({ role: 'user', content: collected.texts.join(BLOCK_SEPARATOR) }, collected.images));
  }
  return messages;
}

function convertToolResult(block: ToolResultBlock, toolNamesById: ReadonlyMap<string, string>): OllamaChatMessage {
  const collected: CollectedContent = { texts: [], images: [] };
  if (typeof block.content === 'string') collected.texts.push(block.content);
  else for (const inner of block.content ?? []) collectBlock(inner, collected);
  const text = collected.texts.join(BLOCK_SEPARATOR);
  const message: OllamaChatMessage = { role: 'tool', content: block.is_error === true ? `Error: ${text}` : text, tool_call_id: block.tool_use_id };
  const toolName = toolNamesById.get(block.tool_use_id);
  if (toolName !== undefined) message.tool_name = toolName;
  return withImages(message, collected.images);
}

function convertAssistantContent(content: string | ContentBlock[], toolNamesById: Map<string, string>): OllamaChatMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  const texts: string[] = [];
  const thinking: string[] = [];
  const toolCalls: OllamaToolCall[] = [];
  for (const block of content) {
    if (block.type === 'text') texts.push((block as TextBlock).text);
    else if (block.type === 'thinking') thinking.push((block as ThinkingBlock).thinking);
    else if (block.type === 'tool_use') {
      const toolUse = block as ToolUseBlock;
      toolNamesById.set(toolUse.id, toolUse.name);
      toolCalls.push({ id: toolUse.id, function: { name: toolUse.name, arguments: toolUse.input ?? {} } });
    }
  }
  const message: OllamaChatMessage = { role: 'assistant', content: texts.join(BLOCK_SEPARATOR) };
  if (thinking.length > 0) message.thinking = thinking.join(BLOCK_SEPARATOR);
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

function isCustomTool(tool: AnthropicTool): tool is CustomTool {
  return tool.type === undefined || tool.type === 'custom';
}

function convertTools(request: AnthropicMessagesRequest): OllamaTool[] {
  if (request.tool_choice?.type === 'none' || request.tools === undefined) return [];
  return request.tools.filter(isCustomTool).map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.input_schema,
    },
  }));
}

/**
 * gpt-oss ignores a boolean `think` and always reasons at some level, so it gets a level: the
 * requested effort, else the thinking budget bucketed as LiteLLM does, else medium; "disabled"
 * becomes the lowest level because the trace cannot be switched off.
 * @see https://docs.ollama.com/capabilities/thinking
 */
const GPT_OSS_LEVELS = ['low', 'medium', 'high'] as const;

function convertThinking(request: AnthropicMessagesRequest, options: AnthropicToOllamaOptions): OllamaChatRequest['think'] {
  const thinking = request.thinking;
  if (thinking === undefined || options.supportsThinking === false) return undefined;
  const off = isThinkingOff(thinking);
  if (!options.upstreamModel.includes('gpt-oss')) return !off;
  if (off) return 'low';
  const effort = request.output_config?.effort;
  const level = GPT_OSS_LEVELS.find((candidate) => candidate === effort);
  if (level !== undefined) return level;
  if (effort === 'max') return 'high';
  if (thinking.type === 'enabled') {
    if (thinking.budget_tokens >= 4096) return 'high';
    return thinking.budget_tokens >= 2048 ? 'medium' : 'low';
  }
  return 'medium';
}

function convertOptions(request: AnthropicMessagesRequest, options: AnthropicToOllamaOptions): OllamaOptions {
  const ollamaOptions: OllamaOptions = { num_predict: request.max_tokens };
  if (options.numCtx !== undefined) ollamaOptions.num_ctx = options.numCtx;
  if (request.temperature !== undefined) ollamaOptions.temperature = request.temperature;
  if (request.top_p !== undefined) ollamaOptions.top_p = request.top_p;
  if (request.top_k !== undefined) ollamaOptions.top_k = request.top_k;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0) ollamaOptions.stop = request.stop_sequences;
  return ollamaOptions;
}
