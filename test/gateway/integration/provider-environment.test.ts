/**
 * A LiteLLM config that names no key or address for a deployment works from the variables
 * LiteLLM reads (here a vLLM server's HOSTED_VLLM_API_BASE and HOSTED_VLLM_API_KEY), and the key
 * read from the environment is kept out of what clients see like any other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';

const VLLM_KEY = 'vllm-key-from-environment-0123456789';
const setup = useGatewayWithMock(() => `
model_list:
  - model_name: qwen
    litellm_params: { model: hosted_vllm/qwen3-coder }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`, (upstreamUrl) => ({ HOSTED_VLLM_API_BASE: `${upstreamUrl}/v1`, HOSTED_VLLM_API_KEY: VLLM_KEY }));
const client = () => new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${setup.harness.gateway.url}/v1`, maxRetries: 0 });

test('the deployment reaches the address and sends the key its provider\'s variables name', async () => {
  setup.upstream.script(undefined);
  const completion = await client().chat.completions.create({ model: 'qwen', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(completion.choices[0]?.message.role, 'assistant');
  const received = setup.upstream.requests.at(-1)!;
  assert.equal(received.path, '/v1/chat/completions');
  assert.equal(received.headers.authorization, `Bearer ${VLLM_KEY}`);
  assert.equal(received.body.model, 'qwen3-coder');
});

test('an upstream that repeats the key in its error does not show it to the client', async () => {
  setup.upstream.script(() => ({ kind: 'json', status: 401, body: { error: { message: `Incorrect API key provided: ${VLLM_KEY}`, type: 'invalid_request_error' } } }));
  const failure = await client().chat.completions.create({ model: 'qwen', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
  assert.ok(failure instanceof OpenAI.APIError);
  assert.equal(failure.status, 502, 'the gateway\'s own key was fine: the upstream refused the deployment\'s');
  assert.match(failure.message, /key/i);
  assert.doesNotMatch(JSON.stringify(failure.error), new RegExp(VLLM_KEY));
  setup.upstream.script(undefined);
});
