import type { AnthropicStreamEvent } from '../anthropic/types.ts';
import type { OpenAIChatChunk } from '../openai/types.ts';

/** Anthropic names every frame after its `type`; SDKs dispatch on the `event:` line. */
export const formatAnthropicEvent = (event: AnthropicStreamEvent): string => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

export const formatOpenAIChunk = (chunk: OpenAIChatChunk): string => `data: ${JSON.stringify(chunk)}\n\n`;

export const OPENAI_DONE = 'data: [DONE]\n\n';
