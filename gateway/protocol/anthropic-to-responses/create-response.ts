import type { StopReason } from '../anthropic/types.ts';
import type { ResponsesOutputItem, ResponsesRequest, ResponsesResponse, ResponsesStatus, ResponsesUsage } from '../responses/types.ts';

/** What a translated answer needs besides the canonical message: its ids and the request it echoes. */
export interface ResponsesIdentity {
  /** `resp_…` */
  id: string;
  /** Unix seconds. */
  createdAt: number;
  /** The model name the client asked for. */
  model: string;
  request: ResponsesRequest;
}

/** Output item ids, unique within the response (and across responses, since its id is). */
export const outputItemId = (identity: ResponsesIdentity, prefix: 'msg' | 'fc' | 'ctc' | 'rs', outputIndex: number): string =>
  `${prefix}_${identity.id.replace(/^resp_/, '')}_${outputIndex}`;

/** A cut at the output limit is `incomplete`, as OpenAI reports it; a refusal is a content filter. */
export function statusOf(stopReason: StopReason | null | undefined): Pick<ResponsesResponse, 'status' | 'incomplete_details'> {
  if (stopReason === 'max_tokens' || stopReason === 'model_context_window_exceeded') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (stopReason === 'refusal') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

/**
 * A response object as the SDK types declare it: the answer's own fields plus the request
 * settings OpenAI echoes back (instructions, tools, sampling, limits, text and reasoning config).
 */
export function createResponse(
  identity: ResponsesIdentity,
  state: { status: ResponsesStatus; incomplete_details?: ResponsesResponse['incomplete_details']; error?: ResponsesResponse['error']; output: ResponsesOutputItem[]; usage?: ResponsesUsage },
): ResponsesResponse {
  const { request } = identity;
  const response: ResponsesResponse = {
    id: identity.id,
    object: 'response',
    created_at: identity.createdAt,
    status: state.status,
    error: state.error ?? null,
    incomplete_details: state.incomplete_details ?? null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: identity.model,
    output: state.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: request.reasoning ?? null,
    store: false,
    temperature: request.temperature ?? null,
    text: request.text ?? { format: { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    metadata: request.metadata ?? null,
  };
  if (state.usage !== undefined) response.usage = state.usage;
  return response;
}
