import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';

const BEARER_CREDENTIAL = 'custom-upstream-credential-0123456789';
const AZURE_STYLE_KEY = 'azure-style-credential-0123456789';

test('credentials given as extra_headers are scrubbed like api_key from what an upstream echoes', async () => {
  const upstream = await startMockUpstream();
  // A self-hosted OpenAI-compatible server keyed by headers, as LiteLLM's extra_headers allows.
  const harness = await startTestGateway(`
model_list:
  - model_name: gpt-mock
    litellm_params:
      model: openai/gpt-upstream
      api_base: ${upstream.url}/v1
      extra_headers: { Authorization: "Bearer ${BEARER_CREDENTIAL}", api-key: ${AZURE_STYLE_KEY}, X-Title: gatehouse-test-title }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`);
  try {
    upstream.script((request) => ({ kind: 'json', status: 401, body: { error: { message: `rejected ${String(request.headers.authorization)} / token ${BEARER_CREDENTIAL} / api-key ${String(request.headers['api-key'])} for ${String(request.headers['x-title'])}` } } }));
    const response = await fetch(`${harness.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-mock', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await response.text();
    assert.equal(upstream.requests[0]?.headers.authorization, `Bearer ${BEARER_CREDENTIAL}`);
    assert.ok(!text.includes(BEARER_CREDENTIAL) && !text.includes(AZURE_STYLE_KEY), `the client saw a credential: ${text}`);
    // Headers that are not credentials are left readable.
    assert.match(text, /gatehouse-test-title/);
  } finally {
    await harness.stop();
    await upstream.close();
  }
});
