/**
 * Anthropic Messages API wire types. Inside the gateway this is also the canonical form:
 * every request is an AnthropicMessagesRequest and every response stream a sequence of
 * AnthropicStreamEvents, whatever the client or upstream spoke.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */

export interface CacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

export interface TextBlock {
  type: 'text';
  text: string;
  cache_control?: CacheControl | null;
  citations?: unknown[] | null;
}

export type ImageSource =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string }
  | { type: 'file'; file_id: string };

export interface ImageBlock {
  type: 'image';
  source: ImageSource;
  cache_control?: CacheControl | null;
}

export type DocumentSource =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string }
  | { type: 'text'; media_type: 'text/plain'; data: string }
  | { type: 'content'; content: string | (TextBlock | ImageBlock)[] }
  | { type: 'file'; file_id: string };

export interface DocumentBlock {
  type: 'document';
  source: DocumentSource;
  title?: string | null;
  context?: string | null;
  cache_control?: CacheControl | null;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: CacheControl | null;
  /**
   * Not Anthropic's: LiteLLM's convention for a Gemini thought signature that an
   * OpenAI-compatible upstream embedded in the tool-call id. It is split off so the id stays
   * `[A-Za-z0-9_-]`, and put back into the id when the history goes upstream again.
   */
  provider_specific_fields?: { signature?: string };
}

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | (TextBlock | ImageBlock | DocumentBlock)[];
  is_error?: boolean;
  cache_control?: CacheControl | null;
}

export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  /** Anthropic signs its own thinking; thinking translated from other models has none. */
  signature?: string | null;
}

export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

/** Server tool blocks (web search and friends) are carried opaquely. */
export interface ServerToolBlock {
  type: 'server_tool_use' | 'web_search_tool_result' | (string & {});
  [key: string]: unknown;
}

export type UserContentBlock = TextBlock | ImageBlock | DocumentBlock | ToolResultBlock;
export type AssistantContentBlock = TextBlock | ToolUseBlock | ThinkingBlock | RedactedThinkingBlock;
export type ContentBlock = UserContentBlock | AssistantContentBlock | ServerToolBlock;

export interface AnthropicMessage {
  /** `system` appears mid-array from Claude Code (beta mid-conversation-system). */
  role: 'user' | 'assistant' | 'system';
  content: string | ContentBlock[];
}

export interface CustomTool {
  type?: 'custom';
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  cache_control?: CacheControl | null;
}

/** Anthropic-hosted tools (`web_search_20250305`, `bash_20250124`, ...). */
export interface HostedTool {
  type: string;
  name: string;
  [key: string]: unknown;
}

export type AnthropicTool = CustomTool | HostedTool;

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type ThinkingConfig =
  | { type: 'enabled'; budget_tokens: number }
  | { type: 'disabled' }
  | { type: 'adaptive' }
  /** Claude Sonnet 5.5's lowest setting, in place of `disabled`: notes between tool calls only. */
  | { type: 'between_tools' };

export type Effort = 'low' | 'medium' | 'high' | 'max' | (string & {});

export interface JsonSchemaFormat {
  type: 'json_schema';
  schema: Record<string, unknown>;
  name?: string;
}

export interface AnthropicMessagesRequest {
  model: string;
  messages: AnthropicMessage[];
  max_tokens: number;
  system?: string | TextBlock[];
  stream?: boolean;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  thinking?: ThinkingConfig;
  metadata?: { user_id?: string | null };
  output_config?: { effort?: Effort; format?: JsonSchemaFormat };
  /** Older structured-output field; same meaning as output_config.format. */
  output_format?: JsonSchemaFormat;
  context_management?: unknown;
  service_tier?: string;
}

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  /** cache_creation_input_tokens split by cache lifetime; 1-hour writes cost more than 5-minute ones. */
  cache_creation?: { ephemeral_5m_input_tokens?: number | null; ephemeral_1h_input_tokens?: number | null } | null;
  /** Server tools run for this message; web searches are billed per search. */
  server_tool_use?: { web_search_requests?: number | null } | null;
  service_tier?: string | null;
}

export interface AnthropicMessageResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: (AssistantContentBlock | ServerToolBlock)[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

export type ContentDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'citations_delta'; citation: unknown };

export type AnthropicStreamEvent =
  | { type: 'message_start'; message: AnthropicMessageResponse }
  | { type: 'content_block_start'; index: number; content_block: AssistantContentBlock | ServerToolBlock }
  | { type: 'content_block_delta'; index: number; delta: ContentDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: StopReason | null; stop_sequence: string | null };
      usage: Partial<AnthropicUsage> & { output_tokens: number };
    }
  | { type: 'message_stop' }
  | { type: 'ping' }
  | { type: 'error'; error: { type: string; message: string } };

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
}

export interface AnthropicCountTokensRequest {
  model: string;
  messages: AnthropicMessage[];
  system?: string | TextBlock[];
  tools?: AnthropicTool[];
  thinking?: ThinkingConfig;
  tool_choice?: AnthropicToolChoice;
}
