import type { WireProtocol } from '../providers/provider.ts';
import type { AnthropicStreamEvent } from '../protocol/anthropic/types.ts';
import type { OpenAIChatChunk } from '../protocol/openai/types.ts';
import type { OllamaChatChunk } from '../protocol/ollama/types.ts';
import type { ToolNameMap } from '../protocol/anthropic-to-openai/convert-request.ts';
import { createSseParser } from '../protocol/sse/create-sse-parser.ts';
import { formatAnthropicEvent, formatOpenAIChunk, formatResponsesEvent, OPENAI_DONE } from '../protocol/sse/format-sse.ts';
import { createAnthropicToResponsesStreamConverter } from '../protocol/anthropic-to-responses/create-stream-converter.ts';
import type { ResponsesStreamEvent } from '../protocol/responses/types.ts';
import { openaiIdentity, responsesIdentity } from './client-message.ts';
import { createNdjsonParser } from '../protocol/ndjson/create-ndjson-parser.ts';
import { createOpenAIToAnthropicStreamConverter } from '../protocol/openai-to-anthropic/create-stream-converter.ts';
import { createOllamaToAnthropicStreamConverter } from '../protocol/ollama-to-anthropic/create-stream-converter.ts';
import { createAnthropicToOpenAIStreamConverter } from '../protocol/anthropic-to-openai/create-stream-converter.ts';
import { GatewayError } from '../errors/index.ts';
import { anthropicErrorTypeOfStatus, statusOfAnthropicErrorType } from '../protocol/errors/anthropic-error-types.ts';
import { reportedOpenAIError, type ReportedStreamError } from './upstream-error.ts';
import type { ClientProtocol } from './client-protocol.ts';

export interface StreamIdentity {
  /** The model name the client asked for; responses carry it back. */
  clientModel: string;
  messageId: string;
  openaiId: string;
  /** `resp_…`, for a Responses client. */
  responseId: string;
  created: number;
  newId: () => string;
  toolNames: ToolNameMap | undefined;
  includeUsage: boolean;
}

/**
 * A failure part-way through decoding one read (an unreadable event, a converter that refuses a
 * chunk): the events decoded before it in the same read are the upstream's answer up to there,
 * so they travel with the failure instead of being lost with it.
 */
export class PartialDecodeError extends Error {
  readonly decoded: AnthropicStreamEvent[];

  constructor(decoded: AnthropicStreamEvent[], cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.decoded = decoded;
  }
}

/** Decodes each item into `out`; a failure after some events carries them (see PartialDecodeError). */
function decodeAll<T>(items: readonly T[], decodeOne: (item: T, out: AnthropicStreamEvent[]) => void): AnthropicStreamEvent[] {
  const out: AnthropicStreamEvent[] = [];
  try {
    for (const item of items) decodeOne(item, out);
  } catch (error) {
    throw out.length === 0 ? error : new PartialDecodeError(out, error);
  }
  return out;
}

/** Decodes upstream stream text into canonical (Anthropic) events. */
export interface UpstreamDecoder {
  push(text: string): AnthropicStreamEvent[];
  end(): AnthropicStreamEvent[];
}

/** Encodes canonical events into the text the client's protocol expects. */
export interface ClientEncoder {
  encode(events: readonly AnthropicStreamEvent[]): string;
  end(): string;
  /** The stream's closing error, for a protocol whose error events depend on what was sent (Responses numbers them). */
  fail?(error: GatewayError): string;
}

function parseJson(data: string, upstream: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new GatewayError('provider_bad_response', 502, `${upstream} sent a stream event that is not valid JSON: ${data.slice(0, 120)}`);
  }
}

export function createUpstreamDecoder(protocol: WireProtocol, identity: StreamIdentity): UpstreamDecoder {
  if (protocol === 'anthropic') {
    const sse = createSseParser();
    const decode = (events: ReturnType<typeof sse.push>) => decodeAll(events, (event, out) => {
      if (event.data !== '') out.push(parseJson(event.data, 'Anthropic') as AnthropicStreamEvent);
    });
    return { push: (text) => decode(sse.push(text)), end: () => decode(sse.end()) };
  }
  if (protocol === 'openai') {
    const sse = createSseParser();
    const converter = createOpenAIToAnthropicStreamConverter({ model: identity.clientModel, messageId: identity.messageId, toolNames: identity.toolNames ?? new Map() });
    // A finish reason or [DONE] says the answer is whole; servers send one or both. A stream that
    // ends with neither was cut short, and is left without message_stop so the relay reports it.
    let complete = false;
    const decode = (events: ReturnType<typeof sse.push>) => decodeAll(events, (event, out) => {
      if (event.data === '[DONE]') complete = true;
      if (event.data === '[DONE]' || event.data === '') return;
      const chunk = parseJson(event.data, 'The OpenAI-compatible upstream') as OpenAIChatChunk & { error?: Record<string, unknown> };
      if (chunk.error) {
        out.push(anthropicErrorEvent(reportedOpenAIError(chunk.error)));
        return;
      }
      if (chunk.choices?.some((choice) => choice.finish_reason)) complete = true;
      out.push(...converter.process(chunk));
    });
    return {
      push: (text) => decode(sse.push(text)),
      end: () => {
        const events = decode(sse.end());
        return complete ? [...events, ...converter.finish()] : events;
      },
    };
  }
  // Ollama's last chunk says `done`, and the converter ends the message on it; without it the
  // stream was cut short, and nothing is made up to close it.
  const ndjson = createNdjsonParser();
  const converter = createOllamaToAnthropicStreamConverter({ model: identity.clientModel, messageId: identity.messageId, idFactory: identity.newId });
  const decode = (chunks: unknown[]) => decodeAll(chunks, (chunk, out) => {
    out.push(...converter.process(chunk as OllamaChatChunk));
  });
  return { push: (text) => decode(ndjson.push(text)), end: () => decode(ndjson.end()) };
}

/**
 * An upstream's reported error as Anthropic's error event, the canonical form: its status picks
 * the type when it gave one (so a rate limit stays a rate limit), else a type Anthropic knows.
 */
function anthropicErrorEvent(reported: ReportedStreamError): AnthropicStreamEvent {
  const type = reported.status !== undefined
    ? anthropicErrorTypeOfStatus(reported.status)
    : statusOfAnthropicErrorType(reported.type) === undefined ? 'api_error' : reported.type;
  return { type: 'error', error: { type, message: reported.message } };
}

/** `clientBody` is the client's request, which a Responses answer echoes. */
export function createClientEncoder(protocol: ClientProtocol, identity: StreamIdentity, clientBody: Record<string, unknown>): ClientEncoder {
  if (protocol === 'responses') return createResponsesEncoder(identity, clientBody);
  if (protocol === 'anthropic') {
    return {
      encode: (events) => {
        let text = '';
        for (const event of events) text += formatAnthropicEvent(event);
        return text;
      },
      end: () => '',
    };
  }
  const converter = createAnthropicToOpenAIStreamConverter({ ...openaiIdentity(identity, clientBody), includeUsage: identity.includeUsage });
  return {
    encode: (events) => {
      let text = '';
      for (const event of events) {
        for (const chunk of converter.process(event)) text += formatOpenAIChunk(chunk);
      }
      return text;
    },
    end: () => OPENAI_DONE,
  };
}

function createResponsesEncoder(identity: StreamIdentity, clientBody: Record<string, unknown>): ClientEncoder {
  const converter = createAnthropicToResponsesStreamConverter(responsesIdentity(identity, clientBody));
  const format = (events: readonly ResponsesStreamEvent[]) => {
    let text = '';
    for (const event of events) text += formatResponsesEvent(event);
    return text;
  };
  return {
    encode: (events) => {
      let text = '';
      for (const event of events) text += format(converter.process(event));
      return text;
    },
    end: () => '',
    fail: (error) => format(converter.fail(error)),
  };
}
