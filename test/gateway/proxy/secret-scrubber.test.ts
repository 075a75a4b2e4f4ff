import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../../gateway/errors/index.ts';
import { SecretScrubber } from '../../../gateway/proxy/secret-scrubber.ts';

const PROVIDER_KEY = 'sk-ant-api03-planted-provider-key-0123456789';
const GATEWAY_KEY = 'sk-gatehouse-plantedkey';
const scrubber = new SecretScrubber([PROVIDER_KEY, GATEWAY_KEY, 'short']);

const sseChunk = (text: string) => `data: {"type":"content_block_delta","delta":{"type":"text_delta","text":${JSON.stringify(text)}}}\n\n`;

describe('SecretScrubber.outbound', () => {
  test('a clean chunk leaves as the very same object, string or bytes', () => {
    const text = sseChunk('nothing to see');
    const bytes = Buffer.from(text);
    assert.equal(scrubber.outbound(text), text);
    assert.equal(scrubber.outbound(bytes), bytes);
  });

  test('masks a secret in a string chunk and in a byte chunk', () => {
    for (const chunk of [sseChunk(`your key ${PROVIDER_KEY} is invalid`), Buffer.from(sseChunk(`your key ${PROVIDER_KEY} is invalid`))]) {
      const out = scrubber.outbound(chunk);
      const text = typeof out === 'string' ? out : Buffer.from(out).toString('utf8');
      assert.ok(!text.includes(PROVIDER_KEY), text);
      assert.match(text, /your key sk-a.*is invalid/);
    }
  });

  test('searches only the window of a Uint8Array view, not the rest of its ArrayBuffer', () => {
    const backing = Buffer.from(`${GATEWAY_KEY}|${sseChunk('clean')}|${GATEWAY_KEY}`);
    const start = GATEWAY_KEY.length + 1;
    const view = new Uint8Array(backing.buffer, backing.byteOffset + start, Buffer.byteLength(sseChunk('clean')));
    assert.equal(scrubber.outbound(view), view);
    const holding = new Uint8Array(backing.buffer, backing.byteOffset, GATEWAY_KEY.length);
    assert.notEqual(scrubber.outbound(holding), holding);
  });

  test('a secret with non-ASCII characters is found in bytes as in text', () => {
    const unicodeKey = 'clé-secrète-ünïcode-42';
    const own = new SecretScrubber([unicodeKey]);
    const out = own.outbound(Buffer.from(`echo ${unicodeKey} done`));
    assert.ok(!Buffer.from(out).toString('utf8').includes(unicodeKey));
  });

  test('secrets shorter than 8 characters are not searched for (they would match ordinary text)', () => {
    const text = 'a short answer';
    assert.equal(scrubber.outbound(text), text);
  });
});

describe('SecretScrubber.error', () => {
  test('masks the message and keeps the type, status and retry hint', () => {
    const error = new GatewayError('provider_unauthenticated', 401, `Upstream rejected ${GATEWAY_KEY}`, { retryAfterSeconds: 3 });
    const scrubbed = scrubber.error(error);
    assert.ok(!scrubbed.message.includes(GATEWAY_KEY));
    assert.equal(scrubbed.type, 'provider_unauthenticated');
    assert.equal(scrubbed.status, 401);
    assert.equal(scrubbed.retryAfterSeconds, 3);
  });

  test('an error without secrets is returned as it is', () => {
    const error = new GatewayError('provider_timeout', 504, 'The upstream did not answer in 600 s.');
    assert.equal(scrubber.error(error), error);
  });
});
