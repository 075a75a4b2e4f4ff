import type { ProviderRequest } from '../providers/provider.ts';
import type { AnthropicMessagesRequest } from '../protocol/anthropic/types.ts';
import type { ToolNameMap } from '../protocol/anthropic-to-openai/convert-request.ts';
import { convertAnthropicRequestToOpenAI } from '../protocol/anthropic-to-openai/convert-request.ts';
import { convertAnthropicRequestToOllama } from '../protocol/anthropic-to-ollama/convert-request.ts';
import { hasForeignThinking, stripForeignThinking } from '../protocol/anthropic/strip-foreign-thinking.ts';
import { dropWhitespaceStopSequences } from '../protocol/anthropic/drop-whitespace-stop-sequences.ts';
import { fitSamplingToThinking } from '../protocol/anthropic/fit-sampling-to-thinking.ts';
import type { ProxyCall } from './handle-proxy-request.ts';
import type { AttemptTarget } from './routing-port.ts';
import { jsonBodyBytes } from './json-body-bytes.ts';

/** Headers only Anthropic understands; other upstreams never see them. */
const ANTHROPIC_FORWARDED_HEADERS = ['anthropic-beta', 'anthropic-version'] as const;

/** The client's Anthropic-only headers, for a request to an Anthropic upstream. */
export function anthropicForwardedHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const name of ANTHROPIC_FORWARDED_HEADERS) {
    const value = headers[name];
    if (value) forwarded[name] = value;
  }
  return forwarded;
}

/**
 * The upstream body for one attempt: the client's own bytes when nothing needs to change,
 * the same JSON with the model renamed for a same-protocol upstream, or a translation through
 * the canonical form when the protocols differ.
 */
export function buildUpstreamRequest(
  call: ProxyCall,
  target: AttemptTarget,
  getCanonical: () => AnthropicMessagesRequest,
  stream: boolean,
  defaultOllamaContext: number,
): { request: ProviderRequest; toolNames: ToolNameMap | undefined } {
  const forwardHeaders = target.protocol === 'anthropic' ? anthropicForwardedHeaders(call.headers) : {};
  if (target.protocol === 'anthropic' && call.clientProtocol === 'anthropic' && hasForeignThinking(getCanonical())) {
    const body = jsonBodyBytes({ ...stripForeignThinking(getCanonical()), model: target.upstreamModel });
    return { request: { body, stream, forwardHeaders }, toolNames: undefined };
  }
  if (target.protocol === call.clientProtocol) {
    // Usage arrives in a stream only when asked for; the record and the budgets need it.
    const needsUsage = target.protocol === 'openai' && stream && (call.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage !== true;
    const body = target.upstreamModel === call.body.model && !needsUsage
      ? call.rawBytes
      : jsonBodyBytes({
          ...call.body,
          model: target.upstreamModel,
          ...(needsUsage ? { stream_options: { ...(call.body.stream_options as object | undefined), include_usage: true } } : {}),
        });
    return { request: { body, stream, forwardHeaders }, toolNames: undefined };
  }
  const canonical = getCanonical();
  if (target.protocol === 'openai') {
    const converted = convertAnthropicRequestToOpenAI({ ...canonical, stream }, {
      upstreamModel: target.upstreamModel,
      ...(target.openaiCapabilities ? { capabilities: target.openaiCapabilities } : {}),
    });
    return { request: { body: jsonBodyBytes(converted.body), stream, forwardHeaders }, toolNames: converted.toolNames };
  }
  if (target.protocol === 'ollama') {
    const converted = convertAnthropicRequestToOllama({ ...canonical, stream }, {
      upstreamModel: target.upstreamModel,
      numCtx: target.numCtx ?? defaultOllamaContext,
      ...(target.keepAlive === undefined ? {} : { keepAlive: target.keepAlive }),
      ...(target.supportsThinking === undefined ? {} : { supportsThinking: target.supportsThinking }),
    });
    return { request: { body: jsonBodyBytes(converted), stream, forwardHeaders }, toolNames: undefined };
  }
  const forAnthropic = fitSamplingToThinking(dropWhitespaceStopSequences(stripForeignThinking(canonical)));
  return { request: { body: jsonBodyBytes({ ...forAnthropic, model: target.upstreamModel, stream }), stream, forwardHeaders }, toolNames: undefined };
}
