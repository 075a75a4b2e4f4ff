import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicErrorTypeOfStatus, statusOfAnthropicErrorType } from '../../../../gateway/protocol/errors/anthropic-error-types.ts';

test("Anthropic's documented error types and statuses read the same both ways", () => {
  for (const [type, status] of [['invalid_request_error', 400], ['authentication_error', 401], ['permission_error', 403], ['not_found_error', 404], ['request_too_large', 413], ['rate_limit_error', 429], ['api_error', 500], ['overloaded_error', 529]] as const) {
    assert.equal(statusOfAnthropicErrorType(type), status);
    assert.equal(anthropicErrorTypeOfStatus(status), type);
  }
});

test('types and statuses Anthropic does not document, and Object properties, map to nothing', () => {
  for (const type of ['constructor', 'toString', '__proto__', 'server_error']) assert.equal(statusOfAnthropicErrorType(type), undefined);
  for (const status of [200, 418, 502, 503]) assert.equal(anthropicErrorTypeOfStatus(status), undefined);
});
