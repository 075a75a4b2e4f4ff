/**
 * What a failed attempt means for routing. Decided from the GatewayError type (and the upstream
 * status when there is one), after LiteLLM's `_should_retry` / `_is_cooldown_required`:
 * 429, 408, 5xx, 529, timeouts and connection failures are the upstream's trouble (retry,
 * count toward cooldown); 401/403/404 from an upstream mean this deployment is misconfigured
 * (no retry, cool down at once, try the fallbacks); other 4xx are the caller's fault (stop),
 * except a context-window or content-policy rejection, which has its own fallback list.
 */
import type { GatewayError } from '../errors/index.ts';

export type FallbackKind = 'none' | 'general' | 'context_window' | 'content_policy';

export interface FailureClass {
  /** Worth sending again (to this group) after a backoff. */
  retryable: boolean;
  /** Counts as a failure in the deployment's cooldown window. */
  countsTowardCooldown: boolean;
  /** Cools the deployment down at once, whatever the counts say. */
  immediateCooldown: boolean;
  /** Which fallback list, if any, to follow once retries are spent. */
  fallback: FallbackKind;
}

const UPSTREAM_TROUBLE: FailureClass = { retryable: true, countsTowardCooldown: true, immediateCooldown: false, fallback: 'general' };
const DEPLOYMENT_MISCONFIGURED: FailureClass = { retryable: false, countsTowardCooldown: true, immediateCooldown: true, fallback: 'general' };
const CALLER_FAULT: FailureClass = { retryable: false, countsTowardCooldown: false, immediateCooldown: false, fallback: 'none' };

/**
 * The phrases LiteLLM maps to ContextWindowExceededError (exception_mapping_utils.py:
 * ExceptionCheckers.is_error_str_context_window_exceeded, plus its Anthropic and Bedrock cases),
 * and "maximum context length" for OpenRouter's "This endpoint's maximum context length is …".
 * Each names the input or the context window, so a refusal of max_tokens as above the model's
 * output limit (Anthropic's "…maximum allowed number of output tokens…", Groq's "`max_tokens`
 * must be less than or equal to…the `context_window`") does not match: a model with a larger
 * context would refuse it just the same.
 */
const CONTEXT_WINDOW_PHRASES = [
  'maximum context length',
  'exceed context limit',
  'string too long. expected a string with maximum length',
  "model's maximum context limit",
  "is longer than the model's context length",
  'input tokens exceed the configured limit',
  '`inputs` tokens + `max_new_tokens` must be',
  'exceeds the available context size',
  'exceeds the maximum number of tokens allowed',
  'prompt is too long',
  'prompt: length',
  'input is too long',
  'too many input tokens',
  'too many tokens',
];
/** LiteLLM's exclusions: OpenAI's length limit on a parameter such as `user`, not on the prompt. */
const PARAMETER_TOO_LONG = /string_above_max_length|invalid 'user'.*string too long/;

function isContextWindowMessage(message: string): boolean {
  const lower = message.toLowerCase();
  if (PARAMETER_TOO_LONG.test(lower)) return false;
  return CONTEXT_WINDOW_PHRASES.some((phrase) => lower.includes(phrase))
    || (lower.includes('current length is') && lower.includes('while limit is'))
    || (lower.includes('maximum input length is') && lower.includes('tokens'));
}
const CONTENT_POLICY_MESSAGE = /content.?(policy|filter|management)|safety system|flagged|responsible ai/i;

function classifyRejection(error: GatewayError): FailureClass {
  const status = error.upstreamStatus ?? error.status;
  if (status === 401 || status === 403 || status === 404) return DEPLOYMENT_MISCONFIGURED;
  if (status === 408 || status === 409) return UPSTREAM_TROUBLE;
  if (status === 413 || isContextWindowMessage(error.message)) return { ...CALLER_FAULT, fallback: 'context_window' };
  if (CONTENT_POLICY_MESSAGE.test(error.message)) return { ...CALLER_FAULT, fallback: 'content_policy' };
  return CALLER_FAULT;
}

export function classifyFailure(error: GatewayError): FailureClass {
  switch (error.type) {
    case 'provider_rate_limited':
    case 'provider_overloaded':
    case 'provider_server_error':
    case 'provider_timeout':
    case 'provider_unreachable':
    case 'provider_bad_response':
    case 'provider_stream_interrupted':
      return UPSTREAM_TROUBLE;
    case 'provider_unauthenticated':
      return DEPLOYMENT_MISCONFIGURED;
    case 'provider_rejected':
      return classifyRejection(error);
    case 'caller_payload_too_large':
      return { ...CALLER_FAULT, fallback: 'context_window' };
    // Our own limits on one deployment: another deployment or group may still have room.
    case 'policy_rate_limited':
    case 'policy_budget_exceeded':
    case 'policy_route_disabled':
      return { ...CALLER_FAULT, fallback: 'general' };
    default:
      return CALLER_FAULT;
  }
}

