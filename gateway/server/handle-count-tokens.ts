import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnthropicCountTokensRequest } from '../protocol/anthropic/types.ts';
import { GatewayError, invalidRequest } from '../errors/index.ts';
import { countTokensLocally } from '../tokens/count-tokens-locally.ts';
import { asClientShapeError, clientShapeError } from '../proxy/as-client-shape-error.ts';
import { estimateInputTokens } from '../proxy/estimate-input-tokens.ts';
import { readUpstreamBody, upstreamStatusError } from '../proxy/upstream-error.ts';
import { anthropicForwardedHeaders } from '../proxy/build-upstream-request.ts';
import { jsonBodyBytes } from '../proxy/json-body-bytes.ts';
import { whenClientLeaves } from '../proxy/client-response.ts';
import type { GatewayApp } from './gateway-app.ts';
import { headerRecord } from './header-record.ts';
import type { JsonBody } from './read-json-body.ts';

/**
 * /v1/messages/count_tokens: Anthropic counts for models routed to Anthropic; everything
 * else is counted here with a real tokenizer, so Claude Code's /context and auto-compaction
 * see a real number instead of a 404 or an undercount.
 */
export async function countTokens(app: GatewayApp, request: IncomingMessage, response: ServerResponse, { body, bytes }: JsonBody): Promise<{ input_tokens: number }> {
  if (typeof body.model !== 'string' || body.model === '') throw invalidRequest('model: a model name is required.');
  if (!Array.isArray(body.messages)) throw invalidRequest('messages: must be an array of messages.');
  const countRequest = body as unknown as AnthropicCountTokensRequest;
  const headers = headerRecord(request.headers);
  const attempt = app.proxy.routing.peek({
    model: countRequest.model,
    clientProtocol: 'anthropic',
    stream: false,
    canonical: () => ({ ...countRequest, max_tokens: 1 }),
    estimateInputTokens: () => asClientShapeError('anthropic', () => estimateInputTokens({ ...countRequest, max_tokens: 1 })),
    headers,
  });
  if (attempt?.target.protocol === 'anthropic') {
    const forwardHeaders = anthropicForwardedHeaders(headers);
    const upstreamBody = attempt.target.upstreamModel === countRequest.model ? bytes : jsonBodyBytes({ ...body, model: attempt.target.upstreamModel });
    const controller = new AbortController();
    const stopWatchingClient = whenClientLeaves(response, () => controller.abort());
    try {
      const upstream = await attempt.provider.send({ body: upstreamBody, stream: false, forwardHeaders, path: '/v1/messages/count_tokens' }, controller.signal);
      const text = await readUpstreamBody(upstream.body, attempt.provider, controller.signal);
      if (upstream.status !== 200) {
        throw upstreamStatusError(upstream.status, upstream.headers, text, `Anthropic ("${attempt.target.deploymentId}")`);
      }
      const counted = parseCount(text);
      if (typeof counted?.input_tokens === 'number') return { input_tokens: counted.input_tokens };
      if (counted === undefined) {
        throw new GatewayError('provider_bad_response', 502, `Anthropic ("${attempt.target.deploymentId}") answered count_tokens with something that is not JSON: ${text.slice(0, 120)}. Check the deployment's api_base.`);
      }
    } finally {
      stopWatchingClient();
    }
  }
  return { input_tokens: await countTokensLocally(countRequest).catch((error: unknown) => { throw clientShapeError('anthropic', error); }) };
}

/** The upstream's count, or undefined when its answer is not JSON (a web page at a wrong api_base). */
function parseCount(text: string): { input_tokens?: unknown } | undefined {
  try {
    return JSON.parse(text) as { input_tokens?: unknown };
  } catch {
    return undefined;
  }
}
