/**
 * LiteLLM's azure/ deployments through the real SDKs: Azure OpenAI's classic API (deployment in
 * the path, api-version in the query) and v1 API, and Claude on Azure AI Foundry passed through;
 * each with Azure's authentication and never a client's or another vendor's header.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { RecordedRequest } from '../../helpers/mock-upstream.ts';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';

const AZURE_KEY = 'azure-key-planted-0123456789abcdef';
const ENTRA_TOKEN = 'eyJ0eXAiOiJKV1Qi.entra-token-planted.0123456789';
const CLASSIC_PATH = '/openai/deployments/my-gpt4o-deployment/chat/completions?api-version=2024-10-21';

const setup = useGatewayWithMock((upstreamUrl) => `
model_list:
  - model_name: azure-gpt
    litellm_params: { model: azure/my-gpt4o-deployment, api_base: ${upstreamUrl}, api_key: ${AZURE_KEY}, api_version: "2024-10-21" }
  - model_name: azure-reasoner
    litellm_params: { model: azure/prod-reasoner, api_base: ${upstreamUrl}/, api_key: ${AZURE_KEY}, api_version: v1 }
    model_info: { base_model: azure/o3-mini }
  - model_name: azure-claude
    litellm_params: { model: azure/claude-sonnet-4-5, api_base: ${upstreamUrl}/anthropic, azure_ad_token: ${ENTRA_TOKEN} }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`);
const anthropic = () => new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: setup.harness.gateway.url, maxRetries: 0 });
const openai = () => new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${setup.harness.gateway.url}/v1`, maxRetries: 0 });

const lastUpstreamRequest = () => setup.upstream.requests.at(-1)!;

/** The deployment's key in api-key, and nothing that carries a key the Azure way it does not use. */
function assertAzureKeyOnly(sent: RecordedRequest): void {
  assert.equal(sent.headers['api-key'], AZURE_KEY);
  assert.equal(sent.headers.authorization, undefined, 'no bearer: neither the client\'s key nor the deployment\'s');
  assert.equal(sent.headers['x-api-key'], undefined);
}

describe('Azure OpenAI, classic API', () => {
  test('Anthropic client (Claude Code) → translated, streamed, to the deployment\'s path with api-version', async () => {
    setup.upstream.script(undefined);
    const stream = anthropic().messages.stream({ model: 'azure-gpt', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const final = await stream.finalMessage();
    assert.ok(deltas.length > 1, 'several text deltas');
    assert.equal(deltas.join(''), 'Hello from the OpenAI mock');
    assert.equal(final.stop_reason, 'end_turn');
    const sent = lastUpstreamRequest();
    assert.equal(sent.path, CLASSIC_PATH);
    assertAzureKeyOnly(sent);
    assert.equal(sent.body.model, 'my-gpt4o-deployment');
    assert.equal(sent.body.max_tokens, 64, 'a gpt-4o deployment takes max_tokens on every api-version');
    assert.equal(sent.body.max_completion_tokens, undefined);
  });

  test('OpenAI client → the same deployment, streaming and not', async () => {
    setup.upstream.script(undefined);
    const completion = await openai().chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from the OpenAI mock');
    assert.equal(lastUpstreamRequest().path, CLASSIC_PATH);
    assertAzureKeyOnly(lastUpstreamRequest());

    const stream = await openai().chat.completions.create({ model: 'azure-gpt', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'Hello from the OpenAI mock');
    assert.equal(lastUpstreamRequest().path, CLASSIC_PATH);
    assert.equal(lastUpstreamRequest().body.stream, true);
    assertAzureKeyOnly(lastUpstreamRequest());
  });
});

describe('Azure OpenAI, v1 API', () => {
  test('api_version v1: /openai/v1 without api-version, the deployment as model, described by its base_model', async () => {
    setup.upstream.script(undefined);
    await anthropic().messages.create({ model: 'azure-reasoner', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    const sent = lastUpstreamRequest();
    assert.equal(sent.path, '/openai/v1/chat/completions');
    assertAzureKeyOnly(sent);
    assert.equal(sent.body.model, 'prod-reasoner');
    assert.equal(sent.body.max_completion_tokens, 64, 'base_model o3-mini: a reasoning model, which rejects max_tokens');
    assert.equal(sent.body.max_tokens, undefined);
  });
});

describe('Claude on Azure AI Foundry', () => {
  test('Anthropic client → passed through to {api_base}/v1/messages with the Entra ID token as the bearer', async () => {
    setup.upstream.script(undefined);
    const stream = anthropic().messages.stream(
      { model: 'azure-claude', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': 'context-1m-2025-08-07' } },
    );
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    await stream.finalMessage();
    assert.equal(deltas.join(''), 'Hello from the Anthropic mock');
    const sent = lastUpstreamRequest();
    assert.equal(sent.path, '/anthropic/v1/messages');
    assert.equal(sent.headers.authorization, `Bearer ${ENTRA_TOKEN}`);
    assert.equal(sent.headers['x-api-key'], undefined);
    assert.equal(sent.headers['api-key'], undefined);
    assert.equal(sent.headers['anthropic-beta'], 'context-1m-2025-08-07');
    assert.equal(sent.body.model, 'claude-sonnet-4-5');
  });

  test('count_tokens is asked of Foundry under the same base, and chat still goes to messages afterwards', async () => {
    setup.upstream.script(undefined);
    const counted = await anthropic().messages.countTokens({ model: 'azure-claude', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(counted.input_tokens, 4242);
    assert.equal(lastUpstreamRequest().path, '/anthropic/v1/messages/count_tokens');
    assert.equal(lastUpstreamRequest().headers.authorization, `Bearer ${ENTRA_TOKEN}`);
    await anthropic().messages.create({ model: 'azure-claude', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(lastUpstreamRequest().path, '/anthropic/v1/messages');
  });

  test('an upstream that repeats the Entra ID token in its error does not show it to the client', async () => {
    setup.upstream.script(() => ({ kind: 'json', status: 401, body: { type: 'error', error: { type: 'authentication_error', message: `token expired: ${ENTRA_TOKEN}` } } }));
    const failure = await anthropic().messages.create({ model: 'azure-claude', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    setup.upstream.script(undefined);
    assert.ok(failure instanceof Anthropic.APIError);
    assert.doesNotMatch(JSON.stringify(failure.error), /entra-token-planted/);
  });
});
