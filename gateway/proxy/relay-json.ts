import type { Readable } from 'node:stream';
import { GatewayError } from '../errors/index.ts';
import type { AnthropicMessageResponse } from '../protocol/anthropic/types.ts';
import type { OpenAIChatResponse } from '../protocol/openai/types.ts';
import type { OllamaChatChunk } from '../protocol/ollama/types.ts';
import { convertOpenAIResponseToAnthropic } from '../protocol/openai-to-anthropic/convert-response.ts';
import { convertOllamaResponseToAnthropic } from '../protocol/ollama-to-anthropic/convert-response.ts';
import { convertOpenAIUsage } from '../protocol/openai-to-anthropic/convert-openai-usage.ts';
import type { WireProtocol } from '../providers/provider.ts';
import { elapsedSince, gatewayHeaders, upstreamLabel, type AttemptContext } from './attempt-context.ts';
import type { StreamIdentity } from './stream-codecs.ts';
import { clientMessageBody } from './client-message.ts';
import { readUpstreamBody, statusOfErrorCode, upstreamStatusError } from './upstream-error.ts';
import { mergeAnthropicUsage } from './usage-tracker.ts';

const MAX_UPSTREAM_JSON_BYTES = 64 * 1024 * 1024;

export function toCanonicalMessage(protocol: WireProtocol, parsed: unknown, identity: StreamIdentity): AnthropicMessageResponse {
  if (protocol === 'openai') {
    return convertOpenAIResponseToAnthropic(parsed as OpenAIChatResponse, { model: identity.clientModel, messageId: identity.messageId, toolNames: identity.toolNames ?? new Map() });
  }
  if (protocol === 'ollama') {
    return convertOllamaResponseToAnthropic(parsed as OllamaChatChunk, { model: identity.clientModel, messageId: identity.messageId, idFactory: identity.newId });
  }
  return { ...(parsed as AnthropicMessageResponse), model: identity.clientModel };
}

/**
 * OpenAI-compatible routers answer 200 once a model has started and put a later failure in the
 * body instead (OpenRouter documents `{"error": {"code": 502, "message": …}}`, with no choices).
 * Read as a message it would be an empty answer; it is the status in `code` (502 without one),
 * so the client gets an error and the router may retry or fall back.
 */
function statusOfErrorAnswer(parsed: unknown): number | undefined {
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { error, choices } = parsed as { error?: unknown; choices?: unknown };
  if (error === null || error === undefined || (Array.isArray(choices) && choices.length > 0)) return undefined;
  return statusOfErrorCode((error as { code?: unknown }).code) ?? 502;
}

/** A non-streamed answer: read whole (bounded), passed through or translated, sent with its cost. */
export async function relayJson(context: AttemptContext, body: Readable): Promise<void> {
  const { call, attempt, identity, progress } = context;
  const text = await readUpstreamBody(body, attempt.provider, context.signal, MAX_UPSTREAM_JSON_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GatewayError('provider_bad_response', 502, `${upstreamLabel(attempt)} answered with something that is not JSON: ${text.slice(0, 120)}`);
  }
  const reportedStatus = attempt.target.protocol === 'openai' ? statusOfErrorAnswer(parsed) : undefined;
  if (reportedStatus !== undefined) throw upstreamStatusError(reportedStatus, {}, text, upstreamLabel(attempt));
  const passthrough = attempt.target.protocol === call.clientProtocol;
  let message: AnthropicMessageResponse | undefined;
  let out: string;
  if (passthrough) {
    out = text;
    if (call.clientProtocol === 'anthropic') mergeAnthropicUsage(progress.usage, (parsed as AnthropicMessageResponse).usage);
    else {
      const usage = (parsed as OpenAIChatResponse).usage;
      if (usage) mergeAnthropicUsage(progress.usage, convertOpenAIUsage(usage));
    }
    if (context.keepFinalMessage) message = toCanonicalMessage(attempt.target.protocol, parsed, identity);
  } else {
    message = toCanonicalMessage(attempt.target.protocol, parsed, identity);
    mergeAnthropicUsage(progress.usage, message.usage);
    out = JSON.stringify(clientMessageBody(call.clientProtocol, message, identity, call.body));
  }
  out = context.services.scrubber().outbound(out) as string;
  if (context.keepFinalMessage && message) progress.finalMessage = message;
  progress.ttftMs = elapsedSince(call.startedMark);
  progress.responseBody = context.services.storeBodies() ? out : null;
  progress.costUsd = context.costOf(progress.usage);
  context.response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(out),
    ...gatewayHeaders(call, attempt.target, context.upstreamRequestId, context.adjusted),
    'x-gatehouse-cost-usd': progress.costUsd.toFixed(8),
  });
  context.response.end(out);
}
