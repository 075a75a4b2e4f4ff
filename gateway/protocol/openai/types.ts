/**
 * OpenAI Chat Completions wire types, including the fields OpenAI-compatible servers
 * (OpenRouter, DeepSeek, vLLM, llama.cpp, LM Studio) add, such as `reasoning_content`.
 * @see https://platform.openai.com/docs/api-reference/chat
 */

export interface TextPart { type: 'text'; text: string; cache_control?: unknown }
export interface ImagePart { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
export interface FilePart { type: 'file'; file: { file_data?: string; file_id?: string; filename?: string } }
export interface InputAudioPart { type: 'input_audio'; input_audio: { data: string; format: string } }
export type ContentPart = TextPart | ImagePart | FilePart | InputAudioPart;

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A call to a custom (freeform) tool: its input is raw text, not JSON arguments. */
export interface OpenAICustomToolCall {
  id: string;
  type: 'custom';
  custom: { name: string; input: string };
}

export type OpenAIMessage =
  | { role: 'system' | 'developer'; content: string | TextPart[]; name?: string }
  | { role: 'user'; content: string | ContentPart[]; name?: string }
  | {
      role: 'assistant';
      content?: string | TextPart[] | null;
      tool_calls?: (OpenAIToolCall | OpenAICustomToolCall)[];
      name?: string;
      /** DeepSeek / vLLM / OpenRouter reasoning text. */
      reasoning_content?: string | null;
      reasoning?: string | null;
      refusal?: string | null;
    }
  | { role: 'tool'; tool_call_id: string; content: string | ContentPart[] };

export interface OpenAIFunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** A tool whose input is free text, or text in a grammar (Codex CLI's apply_patch is one). */
export interface OpenAICustomTool {
  type: 'custom';
  custom: {
    name: string;
    description?: string;
    format?: { type: 'text' } | { type: 'grammar'; grammar: { syntax: 'lark' | 'regex'; definition: string } };
  };
}

export type OpenAIToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } }
  | { type: 'custom'; custom: { name: string } };

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max' | (string & {});

export interface OpenAIChatRequest {
  model: string;
  messages: OpenAIMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  /** Not in OpenAI's API, but accepted by vLLM, llama.cpp and OpenRouter. */
  top_k?: number;
  stop?: string | string[];
  n?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  seed?: number;
  user?: string;
  tools?: (OpenAIFunctionTool | OpenAICustomTool)[];
  tool_choice?: OpenAIToolChoice;
  parallel_tool_calls?: boolean;
  reasoning_effort?: ReasoningEffort;
  response_format?:
    | { type: 'text' }
    | { type: 'json_object' }
    | { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean } };
  web_search_options?: Record<string, unknown>;
  metadata?: Record<string, string>;
}

/**
 * LiteLLM's extension: signed Anthropic thinking carried through an OpenAI-shaped response,
 * seen when the upstream is a LiteLLM proxy in front of Claude.
 */
export interface OpenAIThinkingBlock {
  type: 'thinking' | 'redacted_thinking';
  thinking?: string;
  signature?: string;
  data?: string;
}

/** What OpenAI-compatible servers add to an answer, whole (message) or streamed (delta) alike. */
export interface OpenAIAssistantOutput {
  /** DeepSeek / vLLM reasoning text. */
  reasoning_content?: string | null;
  /** OpenRouter's name for the same. */
  reasoning?: string | null;
  refusal?: string | null;
  thinking_blocks?: OpenAIThinkingBlock[] | null;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call' | (string & {});

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_creation_tokens?: number; cache_write_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
  /** Anthropic-style fields some OpenAI-compatible servers (OpenRouter, LiteLLM) report. */
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

export interface OpenAIChatResponse {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: OpenAIAssistantOutput & {
      role: 'assistant';
      content: string | null;
      tool_calls?: (OpenAIToolCall | OpenAICustomToolCall)[];
    };
    finish_reason: FinishReason | null;
    logprobs?: unknown;
  }[];
  usage?: OpenAIUsage;
  system_fingerprint?: string | null;
}

/**
 * One piece of a streamed tool call. A custom tool call's raw text streams in `custom.input`:
 * OpenAI's published chunk schema lists only functions, but its API streams custom calls so
 * (openai/openai-openapi#576, openai/openai-python#2530).
 */
export interface OpenAIToolCallDelta {
  index: number;
  id?: string;
  type?: 'function' | 'custom';
  function?: { name?: string; arguments?: string };
  custom?: { name?: string; input?: string };
}

export interface OpenAIChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: OpenAIAssistantOutput & {
      role?: 'assistant';
      content?: string | null;
      tool_calls?: OpenAIToolCallDelta[];
    };
    finish_reason: FinishReason | null;
    logprobs?: unknown;
  }[];
  usage?: OpenAIUsage | null;
  system_fingerprint?: string | null;
}

export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string | null; param?: string | null };
}
