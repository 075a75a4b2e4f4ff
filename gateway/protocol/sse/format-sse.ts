import type { AnthropicStreamEvent } from '../anthropic/types.ts';
import type { OpenAIChatChunk } from '../openai/types.ts';
import type { ResponsesStreamEvent } from '../responses/types.ts';

/** Anthropic names every frame after its `type`; SDKs dispatch on the `event:` line. */
export const formatAnthropicEvent = (event: AnthropicStreamEvent): string => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

export const formatOpenAIChunk = (chunk: OpenAIChatChunk): string => `data: ${JSON.stringify(chunk)}\n\n`;

export const OPENAI_DONE = 'data: [DONE]\n\n';

/** Responses names every frame after its `type`, as Anthropic does, and sends no [DONE]. */
export const formatResponsesEvent = (event: ResponsesStreamEvent): string => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
