/**
 * A deployment's litellm_params.max_tokens reaches the upstream for an OpenAI client that sets no
 * limit, through the router's attempt and on a translated route too, driven by the real client.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';

const setup = useGatewayWithMock((upstreamUrl) => `
model_list:
  - model_name: gpt-local
    litellm_params: { model: openai/gpt-upstream, api_base: ${upstreamUrl}/v1, api_key: sk-test, max_tokens: 777 }
  - model_name: claude-local
    litellm_params: { model: anthropic/claude-upstream, api_base: ${upstreamUrl}, api_key: sk-test, max_tokens: 888 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
`);

test('the deployment\'s max_tokens goes upstream when the request sets none, and the request\'s own wins', async () => {
  const openai = new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${setup.harness.gateway.url}/v1`, maxRetries: 0 });
  const sentMaxTokens = () => setup.upstream.requests.at(-1)?.body.max_tokens;
  await openai.chat.completions.create({ model: 'gpt-local', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(sentMaxTokens(), 777);
  await openai.chat.completions.create({ model: 'claude-local', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(sentMaxTokens(), 888, 'translated for Anthropic, in place of the default');
  await openai.chat.completions.create({ model: 'gpt-local', max_tokens: 12, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(sentMaxTokens(), 12);
});
