import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { waitFor } from '../../helpers/gateway-requests.ts';

const setup = useGatewayWithMock();

async function countTokens(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${setup.harness.gateway.url}/v1/messages/count_tokens`, {
    method: 'POST',
    headers: { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** The first 24 bytes of a PNG: signature, IHDR length and type, then width and height. */
function pngHeader(width: number, height: number): string {
  const bytes = Buffer.alloc(24);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(bytes);
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes.toString('base64');
}

test('a model routed to Anthropic is counted by Anthropic, under the upstream model name, with the beta header', async () => {
  setup.upstream.script(undefined);
  const before = setup.upstream.requests.length;
  const reply = await countTokens({ model: 'claude-mock', messages: [{ role: 'user', content: 'hello world' }] }, { 'anthropic-beta': 'token-counting-2024-11-01' });
  assert.deepEqual(reply, { status: 200, json: { input_tokens: 4242 } });
  const sent = setup.upstream.requests.slice(before);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.path, '/v1/messages/count_tokens');
  assert.equal(sent[0]!.body.model, 'claude-upstream');
  assert.equal(sent[0]!.headers['anthropic-beta'], 'token-counting-2024-11-01');
});

test('other models are counted here with cl100k: text, system and images by their pixel size', async () => {
  const before = setup.upstream.requests.length;
  // "hello world" is 2 tokens, plus 4 for the message's framing.
  assert.deepEqual(await countTokens({ model: 'gpt-mock', messages: [{ role: 'user', content: 'hello world' }] }), { status: 200, json: { input_tokens: 6 } });
  const withSystem = await countTokens({ model: 'gpt-mock', system: 'Be brief.', messages: [{ role: 'user', content: 'hello world' }] });
  assert.ok((withSystem.json.input_tokens as number) > 6 + 3, JSON.stringify(withSystem.json));
  // 2000 × 1000 px is scaled to 1568 × 784: 1568 × 784 / 750 = 1639.1 → 1640 tokens, plus 4.
  const image = await countTokens({ model: 'gpt-mock', messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngHeader(2000, 1000) } }] }] });
  assert.deepEqual(image, { status: 200, json: { input_tokens: 1644 } });
  assert.equal(setup.upstream.requests.length, before, 'local counting never calls an upstream');
});

test('an Anthropic count cut off mid-body is a 502 naming the upstream, not an internal error', async () => {
  setup.upstream.script(() => ({ kind: 'sse', frames: ['{"input_to', 'kens": 1}'], delayMs: 50, dropAfter: 1 }));
  try {
    const reply = await countTokens({ model: 'claude-mock', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(reply.status, 502, JSON.stringify(reply.json));
    const error = reply.json.error as { type: string; message: string };
    assert.match(error.message, /Anthropic at http:\/\/127\.0\.0\.1:\d+/);
  } finally {
    setup.upstream.script(undefined);
  }
});

test('an Anthropic count answered with a web page is a 502 that says to check api_base, not an internal error', async () => {
  setup.upstream.script(() => ({ kind: 'json', body: '<!doctype html><html><body>Welcome</body></html>', headers: { 'content-type': 'text/html' } }));
  try {
    const reply = await countTokens({ model: 'claude-mock', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(reply.status, 502, JSON.stringify(reply.json));
    const error = reply.json.error as { type: string; message: string };
    assert.equal(error.type, 'api_error');
    assert.match(error.message, /not JSON.*api_base/);
  } finally {
    setup.upstream.script(undefined);
  }
});

test('a client that leaves while Anthropic is counting cancels the upstream request', async () => {
  setup.upstream.script(() => ({ kind: 'hang' }));
  const client = new AbortController();
  try {
    const before = setup.upstream.requests.length;
    const reply = fetch(`${setup.harness.gateway.url}/v1/messages/count_tokens`, {
      method: 'POST',
      signal: client.signal,
      headers: { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-mock', messages: [{ role: 'user', content: 'hello' }] }),
    });
    await waitFor('the count to reach the upstream', () => setup.upstream.requests.length > before);
    assert.equal(setup.upstream.openRequests(), 1);
    client.abort();
    await assert.rejects(reply);
    await waitFor('the upstream request to be cancelled', () => setup.upstream.openRequests() === 0);
  } finally {
    setup.upstream.script(undefined);
  }
});

test('a body with wrong types for local counting is a 400 that says so, not an internal error', async () => {
  for (const body of [{ messages: [{ role: 'user', content: 42 }] }, { system: 5, messages: [] }, { tools: 4, messages: [] }]) {
    const reply = await countTokens({ model: 'gpt-mock', ...body });
    assert.equal(reply.status, 400, JSON.stringify(reply.json));
    assert.equal((reply.json.error as { type: string }).type, 'invalid_request_error');
  }
});

test('local counting counts tools too: their names, descriptions and schemas', async () => {
  const base = { model: 'gpt-mock', messages: [{ role: 'user', content: 'hello world' }] };
  const tool = { name: 'read_file', description: 'Reads a file from disk and returns its content', input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
  const none = (await countTokens(base)).json.input_tokens as number;
  const one = (await countTokens({ ...base, tools: [tool] })).json.input_tokens as number;
  const two = (await countTokens({ ...base, tools: [tool, { ...tool, name: 'write_file', description: `${tool.description} and writes a new one in its place` }] })).json.input_tokens as number;
  // The description alone is 9 cl100k tokens: anything less means part of the tool was skipped.
  assert.ok(one - none >= 20, `one tool added ${one - none} tokens`);
  assert.ok(two - one > one - none, `the second, longer tool added ${two - one}, the first ${one - none}`);
});
