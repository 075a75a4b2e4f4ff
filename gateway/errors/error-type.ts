/**
 * The closed vocabulary of everything that can go wrong, prefixed by who is at fault
 * (after Bifrost's core/schemas/errors.go). It is also the `error_type` metrics label,
 * so adding a member is a deliberate act.
 */
export const ERROR_TYPES = [
  'caller_invalid_request',
  'caller_unauthenticated',
  'caller_forbidden',
  'caller_not_found',
  'caller_payload_too_large',
  'caller_timeout',
  'caller_cancelled',
  'policy_rate_limited',
  'policy_budget_exceeded',
  'policy_route_disabled',
  'provider_rate_limited',
  'provider_overloaded',
  'provider_server_error',
  'provider_rejected',
  'provider_unauthenticated',
  'provider_timeout',
  'provider_unreachable',
  'provider_bad_response',
  'provider_stream_interrupted',
  'gateway_internal',
  'gateway_unavailable',
] as const;

export type ErrorType = (typeof ERROR_TYPES)[number];
