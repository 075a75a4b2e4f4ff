import type { ProviderRequest } from '../providers/provider.ts';
import type { AnthropicMessagesRequest } from '../protocol/anthropic/types.ts';
import type { ToolNameMap } from '../protocol/anthropic-to-openai/convert-request.ts';
import { convertAnthropicRequestToOpenAI } from '../protocol/anthropic-to-openai/convert-request.ts';
import { convertAnthropicRequestToOllama } from '../protocol/anthropic-to-ollama/convert-request.ts';
import { hasForeignThinking, stripForeignThinking } from '../protocol/anthropic/strip-foreign-thinking.ts';
import { dropWhitespaceStopSequences } from '../protocol/anthropic/drop-whitespace-stop-sequences.ts';
import { dropThinkingMidToolLoop } from '../protocol/anthropic/drop-thinking-mid-tool-loop.ts';
import { fitRequestToClaudeModel } from '../protocol/anthropic/fit-request-to-claude-model.ts';
import { capAnthropicMaxTokens } from '../protocol/anthropic/cap-max-tokens.ts';
import { capOpenAIMaxTokens } from '../protocol/openai/cap-max-tokens.ts';
import type { OpenAIChatRequest } from '../protocol/openai/types.ts';
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

const capAnthropic = (request: AnthropicMessagesRequest, limit: number | undefined) => (limit === undefined ? request : capAnthropicMaxTokens(request, limit));

/** The fields in which each client protocol states its output limit; Anthropic's API requires max_tokens. */
const LIMIT_FIELDS = { anthropic: ['max_tokens'], openai: ['max_tokens', 'max_completion_tokens'], responses: ['max_output_tokens'] } as const;

const statesNoLimit = (call: ProxyCall): boolean => LIMIT_FIELDS[call.clientProtocol].every((field) => call.body[field] == null);

/** The Claude model an Anthropic deployment serves, whose rules a request is fitted to. */
const claudeModelOf = (target: AttemptTarget): string => target.claudeModel ?? target.upstreamModel;

/**
 * An Anthropic client's request sent to another model than it named (a group mapped to a newer
 * Claude, or a name Claude Code does not know): its fields were chosen for the model it named, so
 * it is fitted to the served model's rules as a translated request is. A request naming the model
 * served is left as sent, but for a tool loop whose thinking was lost (a local model's turn
 * before it), which Anthropic would refuse.
 */
function forRenamedModel(request: AnthropicMessagesRequest, claudeModel: string): AnthropicMessagesRequest {
  return request.model === claudeModel ? dropThinkingMidToolLoop(request) : fitRequestToClaudeModel(request, claudeModel);
}

/** The fields the gateway changed in meaning for the upstream model, for the x-gatehouse-adjusted header. */
function adjustedFields(sent: AnthropicMessagesRequest, fitted: AnthropicMessagesRequest): string | undefined {
  return sent.tool_choice === fitted.tool_choice ? undefined : 'tool_choice';
}

/**
 * The deployment's litellm_params.max_tokens when the client left the limit to it, as LiteLLM
 * sends a deployment's params with each request, the request's own winning.
 */
function deploymentMaxTokens(call: ProxyCall, target: AttemptTarget): number | undefined {
  if (target.defaultMaxTokens === undefined) return undefined;
  return statesNoLimit(call) ? target.defaultMaxTokens : undefined;
}

/**
 * The client's own JSON with the deployment's max_tokens where it sets none and max_tokens lowered
 * to `limit` (the same object when nothing changes), and the max_tokens it then carries.
 */
function capClientBody(call: ProxyCall, target: AttemptTarget, limit: number | undefined): { body: Record<string, unknown>; maxTokens: number | undefined; adjusted?: string } {
  if (call.clientProtocol === 'anthropic') {
    const sent = call.body as unknown as AnthropicMessagesRequest;
    const capped = forRenamedModel(capAnthropic(sent, limit), claudeModelOf(target));
    const adjusted = adjustedFields(sent, capped);
    return { body: capped as unknown as Record<string, unknown>, maxTokens: capped.max_tokens, ...(adjusted === undefined ? {} : { adjusted }) };
  }
  const defaulted = deploymentMaxTokens(call, target);
  const sent = call.body as unknown as OpenAIChatRequest;
  const request = defaulted === undefined ? sent : { ...sent, [target.openaiCapabilities?.maxTokensField ?? 'max_tokens']: defaulted };
  const capped = limit === undefined ? request : capOpenAIMaxTokens(request, limit);
  return { body: capped as unknown as Record<string, unknown>, maxTokens: capped.max_completion_tokens ?? capped.max_tokens };
}

/** The canonical request with the deployment's max_tokens in place of the translator's default, thinking's budget on top as there. */
function withDeploymentMaxTokens(canonical: AnthropicMessagesRequest, maxTokens: number | undefined): AnthropicMessagesRequest {
  if (maxTokens === undefined) return canonical;
  return { ...canonical, max_tokens: maxTokens + (canonical.thinking?.type === 'enabled' ? canonical.thinking.budget_tokens : 0) };
}

const adjustedHeader = (adjusted: string | undefined): Pick<UpstreamRequest, 'adjusted'> => (adjusted === undefined ? {} : { adjusted });

/** One attempt's upstream request, and the max_tokens its body carries (undefined when none, or for Ollama). */
export interface UpstreamRequest {
  request: ProviderRequest;
  toolNames: ToolNameMap | undefined;
  maxTokens: number | undefined;
  /** Fields changed in meaning because the upstream model refuses them (x-gatehouse-adjusted). */
  adjusted?: string;
}

/**
 * The upstream body for one attempt: the client's own bytes when nothing needs to change,
 * the same JSON with the model renamed (or max_tokens lowered to the target's output limit) for
 * a same-protocol upstream, or a translation through the canonical form when the protocols differ.
 */
export function buildUpstreamRequest(
  call: ProxyCall,
  target: AttemptTarget,
  getCanonical: () => AnthropicMessagesRequest,
  stream: boolean,
): UpstreamRequest {
  const forwardHeaders = target.protocol === 'anthropic' ? anthropicForwardedHeaders(call.headers) : {};
  const limit = target.outputLimit;
  if (target.protocol === 'anthropic' && call.clientProtocol === 'anthropic' && hasForeignThinking(getCanonical())) {
    const sent = getCanonical();
    const fitted = forRenamedModel(stripForeignThinking(capAnthropic(sent, limit)), claudeModelOf(target));
    const body = jsonBodyBytes({ ...fitted, model: target.upstreamModel });
    return { request: { body, stream, forwardHeaders }, toolNames: undefined, maxTokens: fitted.max_tokens, ...adjustedHeader(adjustedFields(sent, fitted)) };
  }
  if (target.protocol === call.clientProtocol) {
    const { body: capped, maxTokens, adjusted } = capClientBody(call, target, limit);
    // Usage arrives in a stream only when asked for; the record and the budgets need it.
    const needsUsage = target.protocol === 'openai' && stream && (call.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage !== true;
    const body = target.upstreamModel === call.body.model && !needsUsage && capped === call.body
      ? call.rawBytes
      : jsonBodyBytes({
          ...capped,
          model: target.upstreamModel,
          ...(needsUsage ? { stream_options: { ...(call.body.stream_options as object | undefined), include_usage: true } } : {}),
        });
    return { request: { body, stream, forwardHeaders }, toolNames: undefined, maxTokens, ...adjustedHeader(adjusted) };
  }
  const defaultMaxTokens = deploymentMaxTokens(call, target);
  const canonical = withDeploymentMaxTokens(getCanonical(), defaultMaxTokens);
  if (target.protocol === 'openai') {
    const capabilities = limit === undefined ? target.openaiCapabilities : { ...target.openaiCapabilities, maxOutputTokens: limit };
    const converted = convertAnthropicRequestToOpenAI({ ...canonical, stream }, {
      upstreamModel: target.upstreamModel,
      ...(capabilities ? { capabilities } : {}),
    });
    // The canonical max_tokens of a request that stated no limit is the translator's default, which
    // only Anthropic needs; an OpenAI-compatible server then answers at its own limit, as it would the client.
    if (statesNoLimit(call) && defaultMaxTokens === undefined) {
      delete converted.body.max_tokens;
      delete converted.body.max_completion_tokens;
    }
    return { request: { body: jsonBodyBytes(converted.body), stream, forwardHeaders }, toolNames: converted.toolNames, maxTokens: converted.body.max_completion_tokens ?? converted.body.max_tokens };
  }
  if (target.protocol === 'ollama') {
    const converted = convertAnthropicRequestToOllama({ ...canonical, stream }, {
      upstreamModel: target.upstreamModel,
      numCtx: target.numCtx,
      ...(target.keepAlive === undefined ? {} : { keepAlive: target.keepAlive }),
      ...(target.supportsThinking === undefined ? {} : { supportsThinking: target.supportsThinking }),
    });
    // As for an OpenAI-compatible server: a request that stated no limit runs to Ollama's own
    // (the context), not the translator's 4096, which would cut a Codex turn's patch short.
    if (statesNoLimit(call) && defaultMaxTokens === undefined) delete converted.options?.num_predict;
    // Ollama never refuses a large num_predict, so there is no output limit to learn from it.
    return { request: { body: jsonBodyBytes(converted), stream, forwardHeaders }, toolNames: undefined, maxTokens: undefined };
  }
  const forAnthropic = fitRequestToClaudeModel(dropWhitespaceStopSequences(stripForeignThinking(capAnthropic(canonical, limit))), claudeModelOf(target));
  return { request: { body: jsonBodyBytes({ ...forAnthropic, model: target.upstreamModel, stream }), stream, forwardHeaders }, toolNames: undefined, maxTokens: forAnthropic.max_tokens, ...adjustedHeader(adjustedFields(canonical, forAnthropic)) };
}
