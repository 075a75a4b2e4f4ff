/**
 * The routing session's use of the response cache: an answer is offered back only to requests
 * that the same model would answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { postChat } from '../../helpers/gateway-requests.ts';

const setup = useGatewayWithMock((upstreamUrl) => `
model_list:
  - model_name: claude-*
    litellm_params: { model: anthropic/*, api_base: ${upstreamUrl} }
    model_info: { id: any-claude }
  - model_name: main
    litellm_params: { model: anthropic/main-upstream, api_base: ${upstreamUrl} }
    model_info: { id: main }
  - model_name: backup
    litellm_params: { model: anthropic/backup-upstream, api_base: ${upstreamUrl} }
    model_info: { id: backup }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0, fallbacks: [{ main: [backup] }] }
litellm_settings: { cache: true, cache_params: { ttl: 60 } }
`);

const upstreamModels = () => setup.upstream.requests.map((request) => request.body.model);

test('two models served by one wildcard group do not share cache entries', async () => {
  const { harness } = setup;
  const messages = [{ role: 'user', content: 'the same question' }];
  const first = await postChat(harness.gateway.url, 'anthropic', { model: 'claude-opus-9', messages });
  assert.equal(first.status, 200);
  const second = await postChat(harness.gateway.url, 'anthropic', { model: 'claude-haiku-9', messages });
  assert.equal(second.status, 200);
  assert.deepEqual(upstreamModels().slice(-2), ['opus-9', 'haiku-9'], 'the second model is asked, not answered with the first one\'s reply');
  const again = await postChat(harness.gateway.url, 'anthropic', { model: 'claude-opus-9', messages });
  assert.deepEqual(upstreamModels().slice(-1), ['haiku-9'], 'the same model and request is still a hit');
  assert.equal(again.status, 200);
});

test('an answer from a fallback group is not cached as the requested group\'s answer', async () => {
  const { harness, upstream } = setup;
  const messages = [{ role: 'user', content: 'asked while main is down' }];
  const message = { id: 'msg_backup', type: 'message', role: 'assistant', model: 'backup-upstream', content: [{ type: 'text', text: 'from backup' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2 } };
  upstream.script((request) => (request.body.model === 'main-upstream'
    ? { kind: 'json', status: 500, body: { type: 'error', error: { type: 'api_error', message: 'down' } } }
    : { kind: 'json', body: message }));
  assert.equal((await postChat(harness.gateway.url, 'anthropic', { model: 'main', messages })).status, 200);
  assert.deepEqual(upstreamModels().slice(-2), ['main-upstream', 'backup-upstream']);
  upstream.script(undefined);
  const recovered = await postChat(harness.gateway.url, 'anthropic', { model: 'main', messages });
  assert.equal(recovered.status, 200);
  assert.deepEqual(upstreamModels().slice(-1), ['main-upstream'], 'main answers itself once it is back');
});
