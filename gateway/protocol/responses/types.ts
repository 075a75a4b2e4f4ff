/**
 * OpenAI Responses API wire types: the part a stateless client (Codex CLI with `store: false`,
 * the OpenAI SDKs' `responses.create`) sends and reads. The SDK's own declarations
 * (openai/resources/responses/responses.d.ts) are the contract these follow.
 * @see https://platform.openai.com/docs/api-reference/responses
 */
import type { ReasoningEffort } from '../openai/types.ts';

export interface ResponsesInputText { type: 'input_text'; text: string }
export interface ResponsesInputImage { type: 'input_image'; image_url?: string | null; file_id?: string | null; detail?: string }
export interface ResponsesInputFile { type: 'input_file'; file_data?: string; file_id?: string | null; file_url?: string; filename?: string }
export interface ResponsesOutputText { type: 'output_text'; text: string; annotations?: unknown[] }
export interface ResponsesRefusal { type: 'refusal'; refusal: string }
export type ResponsesContentPart = ResponsesInputText | ResponsesInputImage | ResponsesInputFile | ResponsesOutputText | ResponsesRefusal;

export interface ResponsesMessageItem {
  type?: 'message';
  role: 'user' | 'assistant' | 'system' | 'developer';
  content: string | ResponsesContentPart[];
  id?: string;
  status?: string;
}

export interface ResponsesFunctionCallItem {
  type: 'function_call';
  call_id: string;
  name: string;
  arguments: string;
  id?: string;
  status?: string;
}

export interface ResponsesFunctionCallOutputItem {
  type: 'function_call_output';
  call_id: string;
  output: string | ResponsesContentPart[];
  id?: string;
  status?: string;
}

/** A call to a custom (freeform) tool: its input is raw text, not JSON arguments. */
export interface ResponsesCustomToolCallItem {
  type: 'custom_tool_call';
  call_id: string;
  name: string;
  input: string;
  id?: string;
}

export interface ResponsesCustomToolCallOutputItem {
  type: 'custom_tool_call_output';
  call_id: string;
  output: string | ResponsesContentPart[];
  id?: string;
}

export interface ResponsesReasoningItem {
  type: 'reasoning';
  id?: string;
  summary: { type: 'summary_text'; text: string }[];
  content?: { type: 'reasoning_text'; text: string }[];
  /** OpenAI's encrypted chain of thought: readable only by OpenAI. */
  encrypted_content?: string | null;
}

export type ResponsesInputItem =
  | ResponsesMessageItem
  | ResponsesFunctionCallItem
  | ResponsesFunctionCallOutputItem
  | ResponsesCustomToolCallItem
  | ResponsesCustomToolCallOutputItem
  | ResponsesReasoningItem
  | { type: 'item_reference'; id: string }
  | { type: string & {}; [key: string]: unknown };

export interface ResponsesFunctionTool {
  type: 'function';
  name: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}

/** A freeform tool (Codex CLI's apply_patch): the model answers with raw text, optionally in a grammar. */
export interface ResponsesCustomTool {
  type: 'custom';
  name: string;
  description?: string;
  format?: { type: 'text' } | { type: 'grammar'; syntax: 'lark' | 'regex'; definition: string };
}

export type ResponsesTool = ResponsesFunctionTool | ResponsesCustomTool | { type: string & {}; [key: string]: unknown };

export type ResponsesToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; name: string }
  | { type: 'custom'; name: string }
  | { type: string & {}; [key: string]: unknown };

export type ResponsesTextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean | null; description?: string };

export interface ResponsesTextConfig { format?: ResponsesTextFormat; verbosity?: string | null }

export interface ResponsesReasoningConfig { effort?: ReasoningEffort | null; summary?: string | null }

export interface ResponsesRequest {
  model: string;
  input?: string | ResponsesInputItem[];
  instructions?: string | null;
  stream?: boolean;
  max_output_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  tools?: ResponsesTool[];
  tool_choice?: ResponsesToolChoice;
  parallel_tool_calls?: boolean | null;
  reasoning?: ResponsesReasoningConfig | null;
  text?: ResponsesTextConfig | null;
  metadata?: Record<string, string> | null;
  user?: string;
  safety_identifier?: string;
  previous_response_id?: string | null;
  // Accepted and ignored (see convert-request.ts): store, include, prompt_cache_key, truncation, service_tier.
  store?: boolean | null;
  include?: string[] | null;
}

export interface ResponsesOutputMessage {
  type: 'message';
  id: string;
  role: 'assistant';
  status: 'in_progress' | 'completed' | 'incomplete';
  content: ResponsesOutputText[];
}

export interface ResponsesOutputFunctionCall {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: 'in_progress' | 'completed' | 'incomplete';
}

export interface ResponsesOutputCustomToolCall {
  type: 'custom_tool_call';
  id: string;
  call_id: string;
  name: string;
  input: string;
  status: 'in_progress' | 'completed' | 'incomplete';
}

export interface ResponsesOutputReasoning {
  type: 'reasoning';
  id: string;
  summary: { type: 'summary_text'; text: string }[];
}

export type ResponsesOutputItem = ResponsesOutputMessage | ResponsesOutputFunctionCall | ResponsesOutputCustomToolCall | ResponsesOutputReasoning;

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type ResponsesStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface ResponsesResponse {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponsesStatus;
  model: string;
  output: ResponsesOutputItem[];
  usage?: ResponsesUsage;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  tools: ResponsesTool[];
  tool_choice: ResponsesToolChoice;
  parallel_tool_calls: boolean;
  temperature: number | null;
  top_p: number | null;
  max_output_tokens: number | null;
  metadata: Record<string, string> | null;
  text: ResponsesTextConfig;
  reasoning: ResponsesReasoningConfig | null;
  previous_response_id: null;
  store: false;
}

/** Every streamed event carries its type and a sequence number that only grows. */
export type ResponsesStreamEvent = { type: string; sequence_number: number; [key: string]: unknown };
