/**
 * Property tests over POST /v1/messages and /v1/chat/completions with hostile bodies: random
 * JSON, mutations of the requests Claude Code really sends, wrong types, huge strings, deep
 * nesting, invalid UTF-8 and truncated bodies. Every answer must be a success or a
 * protocol-shaped 4xx/5xx; the gateway must not crash, hang or keep the memory, and /health
 * must still answer. Every run is bounded in count and time, and everything stays on loopback.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';
import { protocolErrorOf, rawRequest } from '../../helpers/raw-http-request.ts';
import { CAPTURES_DIRECTORY, capturedPostBodies } from '../../helpers/claude-code-captures.ts';

const REQUEST_TIMEOUT_MS = 10_000;
const RUN_TIME_LIMIT_MS = 60_000;
/** Generous: the point is "bounded", not a leak detector (the soak test measures that). */
const MAX_HEAP_GROWTH_BYTES = 256 * 1024 * 1024;

// The heap check is about what stays reachable, so both readings follow a full collection:
// without one, garbage from the 8 MiB and million-message bodies that V8 had not collected yet
// counted as growth (about 305 MiB, in 2 of 5 runs, before this change as well).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const liveHeapBytes = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

type Protocol = 'anthropic' | 'openai';
const ENDPOINTS: Record<Protocol, { path: string; headers: Record<string, string> }> = {
  anthropic: { path: '/v1/messages', headers: { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' } },
  openai: { path: '/v1/chat/completions', headers: { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' } },
};


/** Replaces the value at a random path (chosen by `steps`) with `replacement`, or deletes it. */
function mutate(value: unknown, steps: readonly number[], replacement: unknown, remove: boolean): unknown {
  if (steps.length === 0 || value === null || typeof value !== 'object') return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return replacement;
  const key = keys[steps[0]! % keys.length]!;
  const record = copy as Record<string, unknown>;
  if (steps.length === 1 && remove) delete record[key];
  else record[key] = mutate(record[key], steps.slice(1), replacement, remove);
  return copy;
}

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

interface Sample {
  protocol: Protocol;
  body: Buffer;
  label: string;
}

function samples(seeds: readonly Record<string, unknown>[]): fc.Arbitrary<Sample> {
  const protocol = fc.constantFrom<Protocol>('anthropic', 'openai');
  const seed = fc.constantFrom(...seeds);
  const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null');
  const randomJson = fc.record({ protocol, value: fc.jsonValue({ maxDepth: 6 }) }).map(({ protocol, value }) => ({ protocol, body: json(value), label: 'random JSON' }));
  const mutated = fc.record({
    protocol,
    seed,
    steps: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    replacement: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, -1, 1e308, '', true, [], {}, 'x'.repeat(10_000))),
    remove: fc.boolean(),
  }).map(({ protocol, seed, steps, replacement, remove }) => ({ protocol, body: json(mutate(seed, steps, replacement, remove)), label: `mutated seed at ${steps.join('.')}` }));
  const truncated = fc.record({ protocol, seed, cut: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ protocol, seed, cut }) => {
    const whole = json(seed);
    return { protocol, body: whole.subarray(0, Math.max(1, Math.floor(whole.length * cut))), label: 'truncated seed' };
  });
  const invalidUtf8 = fc.record({ protocol, seed, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }), at: fc.nat() }).map(({ protocol, seed, bytes, at }) => {
    const whole = json(seed);
    const split = at % whole.length;
    return { protocol, body: Buffer.concat([whole.subarray(0, split), Buffer.from([0xff, 0xfe, 0xc3]), bytes, whole.subarray(split)]), label: 'invalid UTF-8 inside a seed' };
  });
  const randomBytes = fc.record({ protocol, bytes: fc.uint8Array({ minLength: 1, maxLength: 2048 }) }).map(({ protocol, bytes }) => ({ protocol, body: Buffer.from(bytes), label: 'random bytes' }));
  const wrongTypes = fc.record({
    protocol,
    model: fc.oneof(fc.constant('claude-mock'), fc.integer(), fc.constant(null), fc.array(fc.string())),
    messages: fc.oneof(fc.string(), fc.integer(), fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.record({ role: fc.anything(), content: fc.anything() })), { maxLength: 4 })),
    maxTokens: fc.oneof(fc.string(), fc.double(), fc.constant(-5), fc.constant(Number.MAX_SAFE_INTEGER)),
    stream: fc.anything(),
  }).map(({ protocol, model, messages, maxTokens, stream }) => ({ protocol, body: json({ model, messages, max_tokens: maxTokens, stream }), label: 'wrong types' }));
  return fc.oneof(randomJson, mutated, mutated, truncated, invalidUtf8, randomBytes, wrongTypes);
}

/** A success, or an error in the protocol the client spoke. Never a reset or a hang. */
async function assertProtocolAnswer(baseUrl: string, sample: Sample): Promise<void> {
  const endpoint = ENDPOINTS[sample.protocol];
  const reply = await rawRequest(baseUrl, { method: 'POST', path: endpoint.path, headers: endpoint.headers, body: sample.body, timeoutMs: REQUEST_TIMEOUT_MS });
  if (reply.status >= 200 && reply.status < 300) return;
  assert.ok(reply.status >= 400 && reply.status < 600, `${sample.label}: status ${reply.status}`);
  assert.ok(protocolErrorOf(reply.text, sample.protocol), `${sample.label}: ${reply.status} is not a ${sample.protocol} error: ${reply.text.slice(0, 300)}`);
}

describe('fuzzed proxy input', () => {
  let upstream: MockUpstream;
  let harness: TestGateway;
  let heapBefore: number;
  before(async () => {
    upstream = await startMockUpstream();
    // A catch-all group, so that mutated seeds naming any model reach the (mock) upstream too.
    harness = await startTestGateway(`
model_list:
  - model_name: "*"
    litellm_params: { model: anthropic/claude-upstream, api_base: ${upstream.url}, api_key: sk-ant-fuzz-0123456789 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0, disable_cooldowns: true }
`);
    heapBefore = liveHeapBytes();
  });
  after(async () => {
    await harness.stop();
    await upstream.close();
  });

  test('random, mutated, mistyped, truncated and non-UTF-8 bodies get a protocol-shaped answer', { timeout: RUN_TIME_LIMIT_MS * 2 }, async () => {
    const seeds = capturedPostBodies();
    assert.ok(seeds.length > 0, `no POST bodies in ${CAPTURES_DIRECTORY}/capture-print-default.jsonl`);
    await fc.assert(fc.asyncProperty(samples(seeds), (sample) => assertProtocolAnswer(harness.gateway.url, sample)), {
      numRuns: 200,
      interruptAfterTimeLimit: RUN_TIME_LIMIT_MS,
    });
  });

  test('huge strings and 10k-deep nesting are refused or served, not crashed on', { timeout: RUN_TIME_LIMIT_MS }, async () => {
    const hostile = [
      { label: '8 MiB string', body: JSON.stringify({ model: 'claude-mock', max_tokens: 8, messages: [{ role: 'user', content: 'x'.repeat(8 * 1024 * 1024) }] }) },
      { label: '10k nested arrays as content', body: `{"model":"claude-mock","max_tokens":8,"messages":[{"role":"user","content":${deepArray(10_000)}}]}` },
      { label: '10k nested objects as metadata', body: `{"model":"claude-mock","max_tokens":8,"metadata":${deepObject(10_000)},"messages":[{"role":"user","content":"hi"}]}` },
      { label: '10k nested objects as a tool schema', body: `{"model":"claude-mock","max_tokens":8,"tools":[{"name":"t","input_schema":${deepObject(10_000)}}],"messages":[{"role":"user","content":"hi"}]}` },
      { label: '100k nested arrays as the whole body', body: deepArray(100_000) },
      { label: 'a million tiny messages', body: JSON.stringify({ model: 'claude-mock', max_tokens: 8, messages: Array.from({ length: 1_000_000 }, () => ({ role: 'user', content: '' })) }) },
    ];
    for (const { label, body } of hostile) {
      for (const protocol of ['anthropic', 'openai'] as const) await assertProtocolAnswer(harness.gateway.url, { protocol, body: Buffer.from(body), label });
    }
  });

  test('a body cut off on the wire (client disconnects mid-upload) leaves the gateway serving', async () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const socket = connect(harness.gateway.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(`POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:${harness.gateway.port}\r\nx-api-key: ${TEST_MASTER_KEY}\r\nanthropic-version: 2023-06-01\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"model":"claude-mock","messages":[`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      socket.destroy();
    }
    assert.equal((await rawRequest(harness.gateway.url, { path: '/health', timeoutMs: REQUEST_TIMEOUT_MS })).status, 200);
  });

  test('afterwards /health answers and the heap has not run away', async () => {
    assert.equal((await rawRequest(harness.gateway.url, { path: '/health', timeoutMs: REQUEST_TIMEOUT_MS })).status, 200);
    const growth = liveHeapBytes() - heapBefore;
    assert.ok(growth < MAX_HEAP_GROWTH_BYTES, `heap grew by ${Math.round(growth / 1024 / 1024)} MiB`);
  });
});
