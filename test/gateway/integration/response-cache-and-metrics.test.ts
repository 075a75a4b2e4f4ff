import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { openaiCustomToolCallStream, startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, twoProtocolConfig, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

let upstream: MockUpstream;
let broken: MockUpstream;
let harness: TestGateway;
let anthropic: Anthropic;
let openai: OpenAI;

before(async () => {
  upstream = await startMockUpstream();
  broken = await startMockUpstream();
  broken.script(() => ({ kind: 'json', status: 500, body: { error: { message: 'down' } } }));
  harness = await startTestGateway(`${twoProtocolConfig(upstream.url, `
litellm_settings: { cache: true, cache_params: { ttl: 60 } }`)}`.replace('router_settings: { num_retries: 0 }', `router_settings: { num_retries: 0, fallbacks: [{ broken-group: [gpt-mock] }] }`)
    .replace('model_list:', `model_list:
  - model_name: broken-group
    litellm_params: { model: openai/broken, api_base: ${broken.url}/v1 }
    model_info: { id: broken-deployment }`));
  anthropic = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
  openai = new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${harness.gateway.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await harness.stop();
  await upstream.close();
  await broken.close();
});

test('a repeated request is answered from the cache, and a streaming client gets the hit replayed as a stream', async () => {
  const request = { model: 'gpt-mock', max_tokens: 32, messages: [{ role: 'user' as const, content: 'cache me' }] };
  const before = upstream.requests.length;
  const first = await anthropic.messages.stream(request).finalMessage();
  assert.equal(upstream.requests.length, before + 1);

  const deltas: string[] = [];
  const replay = anthropic.messages.stream({ ...request, metadata: { user_id: 'someone-else' } });
  replay.on('text', (text) => deltas.push(text));
  const second = await replay.finalMessage();
  assert.equal(upstream.requests.length, before + 1, 'the upstream was not asked again');
  assert.deepEqual(second.content, first.content);
  assert.equal(deltas.join(''), 'Hello from the OpenAI mock');

  const { response } = await anthropic.messages.create(request).withResponse();
  assert.equal(response.headers.get('x-gatehouse-cache'), 'hit');
  assert.equal(upstream.requests.length, before + 1);

  const completion = await openai.chat.completions.create({ model: 'gpt-mock', max_tokens: 32, messages: [{ role: 'user', content: 'cache me' }] });
  assert.equal(completion.choices[0]?.message.content, 'Hello from the OpenAI mock', 'an OpenAI client hits the same entry');
  assert.equal(upstream.requests.length, before + 1);

  const answer = await openai.responses.stream({ model: 'gpt-mock', max_output_tokens: 32, input: 'cache me' }).finalResponse();
  assert.equal(answer.output_text, 'Hello from the OpenAI mock', 'a Responses client hits it too, replayed as Responses events');
  assert.equal(upstream.requests.length, before + 1);

  const hits = harness.gateway.runtime.logStore.query({ limit: 10 }).records.filter((record) => record.deploymentId === 'cache');
  assert.equal(hits.length, 4, 'each hit is recorded once, at no cost');
  assert.ok(hits.every((record) => record.costUsd === 0 && record.status === 200));
});

test('a different request misses the cache', async () => {
  const before = upstream.requests.length;
  await anthropic.messages.create({ model: 'gpt-mock', max_tokens: 32, messages: [{ role: 'user', content: 'something else' }] });
  assert.equal(upstream.requests.length, before + 1);
});

test('/metrics counts fallbacks, cache lookups and requests by deployment', async () => {
  const message = await anthropic.messages.create({ model: 'broken-group', max_tokens: 16, messages: [{ role: 'user', content: 'fall back please' }] });
  assert.equal(message.type, 'message');
  const metrics = await (await fetch(`${harness.gateway.url}/metrics`)).text();
  assert.match(metrics, /gatehouse_fallbacks_total\{from_group="broken-group",to_group="gpt-mock",reason="fallback"\} 1/);
  assert.match(metrics, /gatehouse_cache_lookups_total\{result="hit"\} 4/);
  assert.match(metrics, /gatehouse_requests_total\{route="openai",group="gpt-mock",deployment="openai-mock",status="200",error_type="none"\} \d+/);
  assert.doesNotMatch(metrics, /planted-secret/);
});

test('a custom tool call streamed through from an OpenAI upstream is cached whole, and a hit gives it back as a custom call', async () => {
  const patch = '*** Begin Patch\n*** Add File: a.txt\n+"quoted" \\ \u{1F600}\n*** End Patch\n';
  upstream.script((incoming) => ({ kind: 'sse', frames: incoming.body.stream === true ? openaiCustomToolCallStream('call_patch', 'apply_patch', patch) : [] }));
  const request = { model: 'gpt-mock', tools: [{ type: 'custom' as const, custom: { name: 'apply_patch' } }], messages: [{ role: 'user' as const, content: 'add a.txt' }] };
  const before = upstream.requests.length;
  let streamed = '';
  for await (const chunk of await openai.chat.completions.create({ ...request, stream: true })) {
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) streamed += (call as { custom?: { input?: string } }).custom?.input ?? '';
  }
  assert.equal(streamed, patch, 'the client got the upstream\'s pieces as they were');
  upstream.script(undefined);

  const completion = await openai.chat.completions.create(request);
  assert.equal(upstream.requests.length, before + 1, 'answered from the cache');
  assert.deepEqual(completion.choices[0]?.message.tool_calls, [{ id: 'call_patch', type: 'custom', custom: { name: 'apply_patch', input: patch } }]);
  assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
});
