export { ERROR_TYPES, type ErrorType } from './error-type.ts';
export { GatewayError, toGatewayError, invalidRequest, type GatewayErrorOptions } from './gateway-error.ts';
