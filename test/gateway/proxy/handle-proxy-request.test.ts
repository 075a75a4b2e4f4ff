/**
 * The attempt loop's bookkeeping with the router: every attempt it counts is released, and
 * what an attempt consumed is counted, whatever way the request ends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { postChat, waitFor } from '../../helpers/gateway-requests.ts';
import { anthropicTextStream } from '../../helpers/mock-upstream.ts';
import { validateEnvelope } from '../../../gateway/proxy/handle-proxy-request.ts';

const setup = useGatewayWithMock((upstreamUrl) => `
model_list:
  - model_name: solo
    litellm_params: { model: anthropic/solo-upstream, api_base: ${upstreamUrl}, max_parallel_requests: 1 }
    model_info: { id: solo }
  - model_name: priced
    litellm_params: { model: anthropic/priced-upstream, api_base: ${upstreamUrl}, input_cost_per_token: 0.001, output_cost_per_token: 0.002, tpm: 100000, max_budget: 5 }
    model_info: { id: priced }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 1 }
`);

const inFlight = (id: string) => setup.harness.gateway.runtime.router.snapshot().deployments.find((deployment) => deployment.id === id)?.inFlight;

test('a client that leaves while a retry waits out retry-after frees the deployment at once, and it serves the next request', async () => {
  const { upstream, harness } = setup;
  upstream.script(() => ({ kind: 'json', status: 429, headers: { 'retry-after': '2' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } }));
  const sent = upstream.requests.length;
  const client = new AbortController();
  const reply = fetch(`${harness.gateway.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'solo', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
    signal: client.signal,
  });
  await waitFor('the first attempt', () => upstream.requests.length > sent);
  client.abort();
  await assert.rejects(reply);
  const records = () => harness.gateway.runtime.logStore.query({ limit: 100 }).records.filter((record) => record.modelRequested === 'solo');
  await waitFor('the cancelled request to be recorded', () => records().length === 1, 1500);
  assert.equal(records()[0]!.errorType, 'caller_cancelled');
  assert.equal(upstream.requests.length, sent + 1, 'no retry is sent for a client that has gone');
  assert.equal(inFlight('solo'), 0);
  upstream.script(undefined);
  assert.equal((await postChat(harness.gateway.url, 'anthropic', { model: 'solo' })).status, 200);
});

test('a stream cut after its first bytes still counts its tokens toward tpm and its cost toward the budget', async () => {
  const { upstream, harness } = setup;
  const router = harness.gateway.runtime.router;
  upstream.script(() => ({ kind: 'sse', frames: anthropicTextStream('an answer that will be cut short', 'claude-mock', { input_tokens: 1000, output_tokens: 40 }), dropAfter: 4, delayMs: 20 }));
  const reply = await postChat(harness.gateway.url, 'anthropic', { model: 'priced', stream: true });
  upstream.script(undefined);
  assert.match(reply.text, /event: error/);
  const record = harness.gateway.runtime.logStore.query({ limit: 100 }).records.find((entry) => entry.modelRequested === 'priced');
  assert.ok(record && record.costUsd > 0, 'the record prices the tokens the cut stream used');
  const tokens = router.snapshot().deployments.find((deployment) => deployment.id === 'priced')?.tokensThisMinute;
  assert.equal(tokens, record.inputTokens + record.outputTokens);
  const budget = router.snapshot().budgets.find((entry) => entry.scope.kind === 'deployment');
  assert.ok(budget && Math.abs(budget.spentUsd - record.costUsd) < 1e-9, `the budget counts the record's cost (${budget?.spentUsd} vs ${record.costUsd})`);
});

test("an Anthropic message's role may be system (Claude Code's mid-conversation system messages), and the refusal of any other names all three", () => {
  const body = (role: string) => ({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }, { role, content: 'x' }] });
  assert.doesNotThrow(() => validateEnvelope('anthropic', body('system')));
  assert.throws(() => validateEnvelope('anthropic', body('tool')), (error: Error) => error.message === 'messages.1.role: must be "user", "assistant" or "system".');
});

test('a Responses body needs input as a string or items, and may not name a stored response', () => {
  assert.doesNotThrow(() => validateEnvelope('responses', { model: 'm', input: 'hi' }));
  assert.doesNotThrow(() => validateEnvelope('responses', { model: 'm', input: [], previous_response_id: null }));
  assert.throws(() => validateEnvelope('responses', { model: 'm', messages: [] }), (error: Error) => error.message === 'input: must be a string or an array of input items.');
  assert.throws(() => validateEnvelope('responses', { model: 'm', input: 'hi', previous_response_id: 'resp_1' }), (error: Error) => /^previous_response_id: Gatehouse keeps no responses/.test(error.message));
});

test('an upstream that rejects the configured API key answers 502 with x-should-retry: false, so Claude Code shows it at once', async () => {
  const { upstream, harness } = setup;
  upstream.script(() => ({ kind: 'json', status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid key' } } }));
  const response = await fetch(`${harness.gateway.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'solo', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
  });
  upstream.script(undefined);
  assert.equal(response.status, 502);
  assert.equal(response.headers.get('x-should-retry'), 'false');
  assert.match(await response.text(), /rejected the API key configured in Gatehouse/);
});
