import type { GatewayError } from '../../errors/index.ts';
import type { ErrorType } from '../../errors/index.ts';
import type { AnthropicErrorBody } from '../anthropic/types.ts';
import type { OpenAIErrorBody } from '../openai/types.ts';
import { anthropicErrorTypeOfStatus } from './anthropic-error-types.ts';

/**
 * Anthropic's error `type` for each status, as its SDKs and Claude Code expect: Claude Code
 * retries 429/529/5xx and gives up on 400, so the status and type must agree.
 * @see https://docs.anthropic.com/en/api/errors
 */
function anthropicErrorType(status: number, type: ErrorType): string {
  if (type === 'provider_overloaded') return 'overloaded_error';
  return anthropicErrorTypeOfStatus(status);
}

/** @see https://platform.openai.com/docs/guides/error-codes */
function openaiErrorType(status: number): string {
  switch (status) {
    case 400: case 404: case 413: return 'invalid_request_error';
    case 401: return 'authentication_error';
    case 403: return 'permission_error';
    case 429: return 'rate_limit_exceeded';
    default: return status >= 500 ? 'server_error' : 'invalid_request_error';
  }
}

export function toAnthropicErrorBody(error: GatewayError): AnthropicErrorBody {
  return { type: 'error', error: { type: anthropicErrorType(error.status, error.type), message: error.message } };
}

export function toOpenAIErrorBody(error: GatewayError): OpenAIErrorBody {
  return { error: { message: error.message, type: openaiErrorType(error.status), code: error.type, param: null } };
}
