/**
 * Anthropic's error types and the HTTP status each goes with: read both ways, to answer a client
 * in Anthropic's shape and to understand an error event an Anthropic upstream sends.
 * @see https://docs.anthropic.com/en/api/errors
 */
const ANTHROPIC_ERROR_TYPES: ReadonlyArray<readonly [type: string, status: number]> = [
  ['invalid_request_error', 400],
  ['authentication_error', 401],
  ['permission_error', 403],
  ['not_found_error', 404],
  ['request_too_large', 413],
  ['rate_limit_error', 429],
  ['api_error', 500],
  ['overloaded_error', 529],
];

const statusByType: ReadonlyMap<string, number> = new Map(ANTHROPIC_ERROR_TYPES);
const typeByStatus: ReadonlyMap<number, string> = new Map(ANTHROPIC_ERROR_TYPES.map(([type, status]) => [status, type]));

/** The status an Anthropic error type stands for; undefined for a type Anthropic does not document. */
export function statusOfAnthropicErrorType(type: string): number | undefined {
  return statusByType.get(type);
}

/** Anthropic's error type for a status; a status it does not document gets the type of its class (api_error for 5xx). */
export function anthropicErrorTypeOfStatus(status: number): string {
  return typeByStatus.get(status) ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}
