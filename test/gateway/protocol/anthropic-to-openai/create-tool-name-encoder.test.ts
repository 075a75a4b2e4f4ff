import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createToolNameEncoder, shortenToolName } from '../../../../gateway/protocol/anthropic-to-openai/create-tool-name-encoder.ts';
import { restoreToolName } from '../../../../gateway/protocol/shared/tool-name-map.ts';

test('a 64-character name is unchanged and not recorded (LiteLLM #18)', () => {
  const encoder = createToolNameEncoder();
  const name = 'a'.repeat(64);
  assert.equal(encoder.encode(name), name);
  assert.equal(encoder.toolNames.size, 0);
});

test('a longer name becomes 55 characters, "_" and 8 hex, deterministically and without collisions (LiteLLM #18)', () => {
  const first = `mcp__server__${'x'.repeat(60)}_one`;
  const second = `mcp__server__${'x'.repeat(60)}_two`;
  const shortened = shortenToolName(first);
  assert.match(shortened, /^[a-zA-Z0-9_-]{55}_[0-9a-f]{8}$/);
  assert.equal(shortened.slice(0, 55), first.slice(0, 55));
  assert.equal(shortenToolName(first), shortened, 'deterministic');
  assert.notEqual(shortenToolName(second), shortened, 'same prefix, different hash');
});

test('the original name is restored from the map; unknown names pass through', () => {
  const encoder = createToolNameEncoder();
  const longName = 'n'.repeat(80);
  const dotted = 'server.tool:read';
  const encodedLong = encoder.encode(longName);
  const encodedDotted = encoder.encode(dotted);
  assert.match(encodedDotted, /^server_tool_read_[0-9a-f]{8}$/);
  assert.equal(restoreToolName(encoder.toolNames, encodedLong), longName);
  assert.equal(restoreToolName(encoder.toolNames, encodedDotted), dotted);
  assert.equal(restoreToolName(encoder.toolNames, 'Bash'), 'Bash');
});
