import type { ErrorType } from './error-type.ts';

const MARKER = Symbol.for('gatehouse.GatewayError');

export interface GatewayErrorOptions {
  /** Seconds a client should wait before trying again (sent as `retry-after`). */
  retryAfterSeconds?: number;
  /** The upstream status, when the error came from a provider. */
  upstreamStatus?: number;
  cause?: unknown;
}

/**
 * Every failure the gateway reports is one of these: a type from the closed vocabulary,
 * the HTTP status the client should see, and a message that says what to do about it.
 */
export class GatewayError extends Error {
  readonly [MARKER] = true;
  readonly type: ErrorType;
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  readonly upstreamStatus: number | undefined;

  constructor(type: ErrorType, status: number, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.type = type;
    this.status = status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.upstreamStatus = options.upstreamStatus;
  }

  /** Works across duplicated module copies, unlike instanceof. */
  static isInstance(value: unknown): value is GatewayError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}

/** Wraps anything thrown into a GatewayError without losing the original as `cause`. */
export function toGatewayError(error: unknown): GatewayError {
  if (GatewayError.isInstance(error)) return error;
  return new GatewayError('gateway_internal', 500, 'Gatehouse hit an internal error; see the gateway log for details.', { cause: error });
}

export const invalidRequest = (message: string) => new GatewayError('caller_invalid_request', 400, message);
