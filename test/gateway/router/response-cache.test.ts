import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseCache, responseCacheKey } from '../../../gateway/router/response-cache.ts';
import type { AnthropicMessageResponse } from '../../../gateway/protocol/anthropic/types.ts';
import { FakeClock, messagesRequest } from './router-fixtures.ts';

const response = (text: string): AnthropicMessageResponse => ({
  id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 },
});

test('the key ignores stream, metadata, model and key order, and depends on the group and content', () => {
  const base = responseCacheKey('g', messagesRequest({ temperature: 0 }), undefined);
  assert.match(base, /^[0-9a-f]{64}$/);
  assert.equal(responseCacheKey('g', messagesRequest({ temperature: 0, stream: true, metadata: { user_id: 'u1' }, model: 'other' }), undefined), base);
  const reordered = { temperature: 0, messages: [{ content: 'hello', role: 'user' as const }], max_tokens: 1024, model: 'x' };
  assert.equal(responseCacheKey('g', reordered, undefined), base);
  assert.notEqual(responseCacheKey('h', messagesRequest({ temperature: 0 }), undefined), base);
  assert.notEqual(responseCacheKey('g', messagesRequest({ temperature: 1 }), undefined), base);
  assert.notEqual(responseCacheKey('g', messagesRequest({ temperature: 0, system: 'be brief' }), undefined), base);
  assert.equal(responseCacheKey('g', messagesRequest({ temperature: 0 }), 'ns'), `ns:${base}`);
});

test('entries expire after the TTL and the least recently used entry is evicted', () => {
  const clock = new FakeClock(0);
  const cache = new ResponseCache({ ttlSeconds: 10, maxEntries: 2, namespace: undefined }, clock.read);
  cache.set('a', response('A'));
  cache.set('b', response('B'));
  assert.equal(cache.get('a')?.content[0]?.type, 'text');
  cache.set('c', response('C'));
  assert.equal(cache.get('b'), undefined, 'b was least recently used');
  assert.ok(cache.get('a') !== undefined && cache.get('c') !== undefined);
  clock.advance(10_000);
  assert.equal(cache.get('a'), undefined);
  assert.equal(cache.size, 1);
  cache.set('d', response('D'), 1);
  clock.advance(999);
  assert.ok(cache.get('d') !== undefined);
  clock.advance(1);
  assert.equal(cache.get('d'), undefined);
});

test('string content and a single text block give the same key', () => {
  const asString = responseCacheKey('g', { model: 'm', max_tokens: 8, system: 'be brief', messages: [{ role: 'user', content: 'hi' }] }, undefined);
  const asBlocks = responseCacheKey('g', { model: 'm', max_tokens: 8, system: [{ type: 'text', text: 'be brief' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, undefined);
  assert.equal(asString, asBlocks);
});
