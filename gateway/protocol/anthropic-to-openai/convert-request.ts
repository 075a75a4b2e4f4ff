import type { AnthropicMessagesRequest, JsonSchemaFormat } from '../anthropic/types.ts';
import type { OpenAIChatRequest, ReasoningEffort } from '../openai/types.ts';
import { sha256Hex } from '../shared/sha256.ts';
import type { ToolNameMap } from '../shared/tool-name-map.ts';
import { convertAnthropicMessages } from './convert-anthropic-messages.ts';
import { convertAnthropicTools } from './convert-anthropic-tools.ts';
import { createToolNameEncoder } from './create-tool-name-encoder.ts';
import { mapThinkingToReasoningEffort } from './map-thinking-to-reasoning-effort.ts';
import { toStrictJsonSchema } from './to-strict-json-schema.ts';

export type { ToolNameMap } from '../shared/tool-name-map.ts';

/** What the upstream model accepts; a field left out means "send what the client asked for". */
export interface OpenAIUpstreamCapabilities {
  /** False: the model rejects reasoning_effort (OpenAI's non-reasoning models answer 400). */
  reasoning?: boolean;
  /** The strongest reasoning_effort the upstream accepts; unset, "high" (see map-thinking-to-reasoning-effort.ts). */
  maxReasoningEffort?: ReasoningEffort;
  /** The model's output limit; larger max_tokens (Claude Code asks for 32k-64k) are clamped to it. */
  maxOutputTokens?: number;
  /** DeepSeek: assistant messages carry the thinking the client sent back as `reasoning_content`. */
  reasoningContentInHistory?: boolean;
  /** OpenAI's own API wants max_completion_tokens (its reasoning models reject max_tokens). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

export interface AnthropicToOpenAIRequestOptions {
  upstreamModel: string;
  capabilities?: OpenAIUpstreamCapabilities;
}

export interface ConvertedOpenAIRequest {
  body: OpenAIChatRequest;
  /** Pass to the response converters so shortened tool names reach the client as declared. */
  toolNames: ToolNameMap;
}

/** OpenAI's strict mode wants a name; LiteLLM's choice keeps both gateways interchangeable. */
const STRUCTURED_OUTPUT_NAME = 'structured_output';

function toResponseFormat(format: JsonSchemaFormat | undefined): OpenAIChatRequest['response_format'] {
  if (format?.type !== 'json_schema' || typeof format.schema !== 'object' || format.schema === null || Array.isArray(format.schema)) return undefined;
  return { type: 'json_schema', json_schema: { name: STRUCTURED_OUTPUT_NAME, schema: toStrictJsonSchema(format.schema), strict: true } };
}

/**
 * LiteLLM's rule (litellm.md §2): cache_control is kept when the model string contains
 * "anthropic" or "claude", or is a Bedrock ARN, i.e. Claude behind an OpenAI-shaped API
 * (OpenRouter's `anthropic/claude-…`, a LiteLLM proxy), which caches like Anthropic and bills
 * Claude Code's ~85 KB prompt at the cache-read price only with the breakpoints. Every other
 * upstream gets none: OpenAI and most servers reject or ignore the field.
 */
function upstreamReadsCacheControl(upstreamModel: string): boolean {
  const model = upstreamModel.toLowerCase();
  return model.includes('anthropic') || model.includes('claude') || (model.includes('arn:') && model.includes('bedrock'));
}

/** OpenAI answers 400 "Invalid 'user': string too long. Expected … maximum length 64"; OpenRouter allows 128. */
const MAX_USER_LENGTH = 64;

/**
 * Claude Code's user_id is a ~150-character JSON string (device, account and session ids), so
 * a long id is sent as its SHA-256 hex (64 characters): stable, so the upstream still tells
 * users apart, and it does not hand the raw device id onward. Short ids go as they are.
 */
const toOpenAIUser = (userId: string): string => (userId.length <= MAX_USER_LENGTH ? userId : sha256Hex(userId));

/**
 * Anthropic Messages → OpenAI Chat Completions (litellm.md §2).
 *
 * Dropped deliberately, because OpenAI has no place for them: `context_management`,
 * `service_tier` (different vocabulary), `cache_control` unless kept for Claude upstreams (and
 * its `ttl` always), thinking blocks (except their text for DeepSeek) and signatures in the
 * history, `tool_result.is_error`, document titles/context/citations, Anthropic-hosted client
 * tools, the Claude Code billing header system block, `output_config.effort` when thinking is
 * off, and `metadata` other than `user_id`.
 */
export function convertAnthropicRequestToOpenAI(request: AnthropicMessagesRequest, options: AnthropicToOpenAIRequestOptions): ConvertedOpenAIRequest {
  const encoder = createToolNameEncoder();
  const encodeToolName = encoder.encode;
  const capabilities = options.capabilities ?? {};
  const messages = convertAnthropicMessages(request, {
    encodeToolName,
    keepCacheControl: upstreamReadsCacheControl(options.upstreamModel),
    reasoningContent: capabilities.reasoningContentInHistory === true,
  });
  const body: OpenAIChatRequest = { model: options.upstreamModel, messages, ...convertAnthropicTools(request.tools, request.tool_choice, encodeToolName) };

  const maxTokens = capabilities.maxOutputTokens === undefined ? request.max_tokens : Math.min(request.max_tokens, capabilities.maxOutputTokens);
  if (capabilities.maxTokensField === 'max_completion_tokens') body.max_completion_tokens = maxTokens;
  else body.max_tokens = maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.top_p !== undefined) body.top_p = request.top_p;
  if (request.top_k !== undefined) body.top_k = request.top_k;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0) body.stop = request.stop_sequences;
  const reasoningEffort = mapThinkingToReasoningEffort(request.thinking, request.output_config?.effort, capabilities.maxReasoningEffort);
  if (reasoningEffort !== undefined && capabilities.reasoning !== false) body.reasoning_effort = reasoningEffort;
  const responseFormat = toResponseFormat(request.output_config?.format ?? request.output_format);
  if (responseFormat !== undefined) body.response_format = responseFormat;
  const userId = request.metadata?.user_id;
  if (typeof userId === 'string' && userId !== '') body.user = toOpenAIUser(userId);
  if (request.stream === true) {
    body.stream = true;
    // Without it an OpenAI stream carries no usage at all, and the gateway records cost from it.
    body.stream_options = { include_usage: true };
  }
  return { body, toolNames: encoder.toolNames };
}
