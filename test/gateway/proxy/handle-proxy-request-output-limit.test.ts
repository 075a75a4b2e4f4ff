/**
 * Claude Code asks for 32k-64k output tokens and does not retry a 400. An upstream with a smaller
 * output limit refuses with a 400 that names it; the gateway sends the same attempt once more
 * within that limit, and sends later requests to that deployment and model within it at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import type { MockReply, MockScript, RecordedRequest } from '../../helpers/mock-upstream.ts';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { postChat, recordOf } from '../../helpers/gateway-requests.ts';

const config = (upstreamUrl: string) => `
model_list:
  - model_name: deepseek
    litellm_params: { model: openai/deepseek-chat, api_base: ${upstreamUrl}/v1 }
    model_info: { id: deepseek-a }
  - model_name: deepseek-direct
    litellm_params: { model: openai/deepseek-chat, api_base: ${upstreamUrl}/v1 }
    model_info: { id: deepseek-b }
  - model_name: deepseek-configured
    litellm_params: { model: openai/deepseek-chat, api_base: ${upstreamUrl}/v1 }
    model_info: { id: deepseek-c, max_output_tokens: 16384 }
  - model_name: claude-small
    litellm_params: { model: anthropic/claude-small, api_base: ${upstreamUrl} }
    model_info: { id: claude-small }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`;
const setup = useGatewayWithMock(config);

const DEEPSEEK_LIMIT = 8192;
const ANTHROPIC_LIMIT = 32000;
const deepseekRefusal = (limit: number): MockReply => ({ kind: 'json', status: 400, body: { error: { message: `Invalid max_tokens value, the valid range of max_tokens is [1, ${limit}]`, type: 'invalid_request_error', param: null, code: 'invalid_request_error' } } });
const anthropicRefusal = (message: string): MockReply => ({ kind: 'json', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message } } });
const sentMaxTokens = (request: RecordedRequest) => (request.body.max_completion_tokens ?? request.body.max_tokens) as number;

/** DeepSeek's and Anthropic's own checks; anything within them gets the mock's usual answer. */
const refusingLargeOutputs: MockScript = (request) => {
  const budget = (request.body.thinking as { budget_tokens?: number } | undefined)?.budget_tokens;
  if (request.path.startsWith('/v1/messages')) {
    if (sentMaxTokens(request) > ANTHROPIC_LIMIT) return anthropicRefusal(`max_tokens: ${sentMaxTokens(request)} > ${ANTHROPIC_LIMIT}, which is the maximum allowed number of output tokens for claude-small`);
    if (budget !== undefined && budget >= sentMaxTokens(request)) return anthropicRefusal('`max_tokens` must be greater than `thinking.budget_tokens`');
    return undefined;
  }
  return sentMaxTokens(request) > DEEPSEEK_LIMIT ? deepseekRefusal(DEEPSEEK_LIMIT) : undefined;
};

/** Runs `send` and returns the max_tokens of each upstream request it caused. */
async function sentDuring(send: () => Promise<void>): Promise<number[]> {
  const before = setup.upstream.requests.length;
  await send();
  return setup.upstream.requests.slice(before).map(sentMaxTokens);
}

const claudeCodeTurn = { max_tokens: 32000, stream: true, messages: [{ role: 'user', content: 'hi' }] };

test('an Anthropic client\'s 32000 to a model limited to 8192 is answered in one attempt, and the next request is sent within the limit', async () => {
  const { harness, upstream } = setup;
  upstream.script(refusingLargeOutputs);
  const first = await sentDuring(async () => {
    const reply = await postChat(harness.gateway.url, 'anthropic', { ...claudeCodeTurn, model: 'deepseek' });
    assert.equal(reply.status, 200);
    assert.match(reply.text, /event: message_stop/);
    const record = await recordOf(harness, reply);
    assert.equal(record.attempts, 1);
    assert.equal(record.status, 200);
    assert.equal(record.errorType, null);
  });
  assert.deepEqual(first, [32000, DEEPSEEK_LIMIT]);
  const second = await sentDuring(async () => {
    assert.equal((await postChat(harness.gateway.url, 'anthropic', { ...claudeCodeTurn, model: 'deepseek' })).status, 200);
  });
  assert.deepEqual(second, [DEEPSEEK_LIMIT], 'no round trip is spent on a refusal already heard');
});

test('an OpenAI client passed through to the same model gets the same, with its own field lowered, and learns for its own deployment only', async () => {
  const { harness, upstream } = setup;
  upstream.script(refusingLargeOutputs);
  const messages = [{ role: 'user', content: 'hi' }];
  const body = { model: 'deepseek-direct', max_tokens: undefined, max_completion_tokens: 32000, messages };
  const first = await sentDuring(async () => {
    const reply = await postChat(harness.gateway.url, 'openai', body);
    assert.equal(reply.status, 200);
    assert.equal((JSON.parse(reply.text) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content, 'Hello from the OpenAI mock');
  });
  assert.deepEqual(first, [32000, DEEPSEEK_LIMIT], 'deepseek-a\'s limit is not deepseek-b\'s');
  const resent = upstream.requests.at(-1)!.body;
  assert.deepEqual(resent, { model: 'deepseek-chat', max_completion_tokens: DEEPSEEK_LIMIT, messages });
  assert.deepEqual(await sentDuring(async () => {
    assert.equal((await postChat(harness.gateway.url, 'openai', body)).status, 200);
  }), [DEEPSEEK_LIMIT]);
});

test('an Anthropic pass-through is lowered too, with its thinking budget kept below the new max_tokens', async () => {
  const { harness, upstream } = setup;
  upstream.script(refusingLargeOutputs);
  const before = upstream.requests.length;
  const reply = await postChat(harness.gateway.url, 'anthropic', { ...claudeCodeTurn, model: 'claude-small', max_tokens: 64000, thinking: { type: 'enabled', budget_tokens: 63999 } });
  assert.equal(reply.status, 200);
  assert.deepEqual(upstream.requests.slice(before).map((request) => [request.body.max_tokens, (request.body.thinking as { budget_tokens: number }).budget_tokens]), [[64000, 63999], [ANTHROPIC_LIMIT, ANTHROPIC_LIMIT - 1]]);
});

test('a configured model_info.max_output_tokens is what counts: the refusal is still answered, but not remembered over it', async () => {
  const { harness, upstream } = setup;
  upstream.script(refusingLargeOutputs);
  for (let turn = 0; turn < 2; turn += 1) {
    assert.deepEqual(await sentDuring(async () => {
      assert.equal((await postChat(harness.gateway.url, 'anthropic', { ...claudeCodeTurn, model: 'deepseek-configured' })).status, 200);
    }), [16384, DEEPSEEK_LIMIT]);
  }
});

test('a limit is lowered once per attempt, and only when the refusal names a lower one; otherwise the refusal reaches the client', async () => {
  const { harness, upstream } = setup;
  const send = (maxTokens: number) => sentDuring(async () => {
    const reply = await postChat(harness.gateway.url, 'openai', { model: 'deepseek-direct', max_tokens: maxTokens, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(reply.status, 400);
    assert.equal((await recordOf(harness, reply)).attempts, 1);
  });
  upstream.script(() => ({ kind: 'json', status: 400, body: { error: { message: 'max_tokens is too large', type: 'invalid_request_error' } } }));
  assert.deepEqual(await send(4000), [4000], 'no number named');
  upstream.script(() => deepseekRefusal(DEEPSEEK_LIMIT));
  assert.deepEqual(await send(4000), [4000], 'the named limit is not below what was sent');
  // An upstream that always names a limit below what it was sent.
  upstream.script((request) => deepseekRefusal(Math.floor(sentMaxTokens(request) / 2)));
  assert.deepEqual(await send(4000), [4000, 2000]);
  upstream.script(undefined);
});

test('a config reload forgets what was learned', async () => {
  const { harness, upstream } = setup;
  upstream.script(refusingLargeOutputs);
  await postChat(harness.gateway.url, 'anthropic', { ...claudeCodeTurn, model: 'deepseek' });
  writeFileSync(harness.configPath, config(upstream.url));
  assert.equal(harness.gateway.reload().ok, true);
  assert.deepEqual(await sentDuring(async () => {
    assert.equal((await postChat(harness.gateway.url, 'anthropic', { ...claudeCodeTurn, model: 'deepseek' })).status, 200);
  }), [32000, DEEPSEEK_LIMIT]);
  upstream.script(undefined);
});
