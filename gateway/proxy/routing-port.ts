import type { GatewayError } from '../errors/index.ts';
import type { Provider, WireProtocol } from '../providers/provider.ts';
import type { AnthropicMessageResponse, AnthropicMessagesRequest } from '../protocol/anthropic/types.ts';
import type { UsageTotals } from './usage-tracker.ts';
import type { Cancellation } from './cancellation.ts';
import type { OpenAIUpstreamCapabilities } from '../protocol/anthropic-to-openai/convert-request.ts';
import type { ClientProtocol } from './client-protocol.ts';

/** The deployment an attempt goes to, as the proxy needs to know it. */
export interface AttemptTarget {
  deploymentId: string;
  group: string;
  route: string;
  protocol: WireProtocol;
  upstreamModel: string;
  /** Ollama: the context window to request. */
  numCtx?: number;
  keepAlive?: string | number;
  /** Ollama: false when the model cannot think, so `think` is left out (Ollama refuses it with a 400). */
  supportsThinking?: boolean;
  /**
   * Anthropic upstreams: the Claude model served, when the upstream name does not say it
   * (model_info.base_model of an Azure AI Foundry deployment with a name of its own).
   */
  claudeModel?: string;
  /** OpenAI-compatible upstreams: what the model accepts (token field, reasoning_effort, output cap). */
  openaiCapabilities?: OpenAIUpstreamCapabilities;
  /**
   * An output limit the upstream stated when it refused a larger max_tokens (remembered for the
   * model, or the refusal being answered): max_tokens is lowered to it, whatever the protocol.
   */
  outputLimit?: number;
  /** litellm_params.max_tokens: the max_tokens of an OpenAI client's request that sets none. */
  defaultMaxTokens?: number;
}

export interface RouteAttempt {
  target: AttemptTarget;
  provider: Provider;
  /** Why the router chose this attempt: primary, retry, next_deployment, fallback, ... */
  reason: string;
}

export interface AttemptOutcome {
  latencyMs: number;
  ttftMs: number | null;
  usage: UsageTotals;
  /** From costOf(), computed once per attempt by the proxy. */
  costUsd: number;
}

/**
 * One request's walk through the router's plan: retries with backoff, fallbacks to other
 * groups, cooldown bookkeeping. The proxy only asks for the next attempt and reports back.
 */
export interface RoutingSession {
  /** The model group chosen for the request before any fallback. */
  readonly group: string;
  /** True when `litellm_settings.cache` is on: the proxy then keeps final messages to offer. */
  readonly cacheEnabled: boolean;
  /** A cached answer to this exact request, if the cache has one. */
  cachedResponse(): AnthropicMessageResponse | undefined;
  /** Offers a complete, successful answer to the cache. */
  remember(message: AnthropicMessageResponse): void;
  /**
   * Resolves after any backoff (cut short by `signal`) with the next attempt, or undefined when
   * the plan is exhausted or `signal` was aborted: then no attempt was started.
   */
  next(previousError: GatewayError | undefined, signal: Cancellation): Promise<RouteAttempt | undefined>;
  succeeded(attempt: RouteAttempt, outcome: AttemptOutcome): void;
  /** `spent`: what the attempt consumed before it failed (a stream cut mid-way). */
  failed(attempt: RouteAttempt, error: GatewayError, spent: { usage: UsageTotals; costUsd: number }): void;
  /** Remembers the output limit a deployment's model stated, so later requests are lowered before they are sent. */
  learnOutputLimit(target: AttemptTarget, limit: number): void;
  /** USD for this usage on this deployment (0 for local models). */
  costOf(target: AttemptTarget, usage: UsageTotals): number;
}

export interface RoutingInput {
  model: string;
  clientProtocol: ClientProtocol;
  stream: boolean;
  /** Built only when routing rules need it (an OpenAI request has to be converted first). */
  canonical: () => AnthropicMessagesRequest;
  estimateInputTokens: () => number;
  headers: Record<string, string | undefined>;
}

export interface RoutingPort {
  /** The deployment a request would go to first, without counting an attempt (count_tokens uses it). */
  peek(input: RoutingInput): RouteAttempt | undefined;
  /** Throws a GatewayError (404 unknown model, 503 route disabled, 429 budget) when nothing can serve it. */
  open(input: RoutingInput): RoutingSession;
}
