import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicErrorTypeOfStatus, statusOfAnthropicErrorType } from '../../../../gateway/protocol/errors/anthropic-error-types.ts';

test("Anthropic's documented error types and statuses read the same both ways", () => {
  for (const [type, status] of [['invalid_request_error', 400], ['authentication_error', 401], ['permission_error', 403], ['not_found_error', 404], ['request_too_large', 413], ['rate_limit_error', 429], ['api_error', 500], ['overloaded_error', 529]] as const) {
    assert.equal(statusOfAnthropicErrorType(type), status);
    assert.equal(anthropicErrorTypeOfStatus(status), type);
  }
});

test('types Anthropic does not document, and Object properties, map to no status', () => {
  for (const type of ['constructor', 'toString', '__proto__', 'server_error']) assert.equal(statusOfAnthropicErrorType(type), undefined);
});

test('a status Anthropic does not document gets the type of its class', () => {
  for (const status of [502, 503, 504]) assert.equal(anthropicErrorTypeOfStatus(status), 'api_error');
  for (const status of [405, 409, 418, 422]) assert.equal(anthropicErrorTypeOfStatus(status), 'invalid_request_error');
});
