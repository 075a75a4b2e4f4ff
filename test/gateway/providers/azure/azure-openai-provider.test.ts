import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AZURE_DEFAULT_API_VERSION, azureOpenAIDialect } from '../../../../gateway/providers/azure/azure-openai-provider.ts';
import type { ProviderSettings } from '../../../../gateway/providers/provider-settings.ts';
import { joinUrl } from '../../../../gateway/providers/upstream-pools.ts';

const settings = (overrides: Partial<ProviderSettings>): ProviderSettings => ({
  deploymentId: 'd',
  protocol: 'openai',
  provider: 'azure',
  upstreamModel: 'my-gpt4o-deployment',
  apiBase: 'https://myres.openai.azure.com',
  ...overrides,
});

/** The URL a chat request goes to, as HttpProvider builds it. */
function chatUrl(overrides: Partial<ProviderSettings>): string {
  const dialect = azureOpenAIDialect(settings(overrides));
  const target = joinUrl(dialect.normaliseBase!(settings(overrides).apiBase!), dialect.chatPath);
  return target.origin + target.path;
}

const request = { body: '{}', stream: false, forwardHeaders: {} };

test('the classic API: the deployment in the path, the api_version in the query', () => {
  assert.equal(chatUrl({ apiVersion: '2024-10-21' }), 'https://myres.openai.azure.com/openai/deployments/my-gpt4o-deployment/chat/completions?api-version=2024-10-21');
});

test("an entry without api_version gets LiteLLM's default", () => {
  assert.equal(chatUrl({}), `https://myres.openai.azure.com/openai/deployments/my-gpt4o-deployment/chat/completions?api-version=${AZURE_DEFAULT_API_VERSION}`);
  assert.equal(AZURE_DEFAULT_API_VERSION, '2025-02-01-preview');
});

test('trailing slashes and a trailing /openai on the resource are not doubled', () => {
  const expected = 'https://myres.openai.azure.com/openai/deployments/my-gpt4o-deployment/chat/completions?api-version=2024-10-21';
  assert.equal(chatUrl({ apiBase: 'https://myres.openai.azure.com/', apiVersion: '2024-10-21' }), expected);
  assert.equal(chatUrl({ apiBase: 'https://myres.openai.azure.com//', apiVersion: '2024-10-21' }), expected);
  assert.equal(chatUrl({ apiBase: 'https://myres.openai.azure.com/openai/', apiVersion: '2024-10-21' }), expected);
});

test('an api_base that already names a deployment is used as written', () => {
  assert.equal(
    chatUrl({ apiBase: 'https://gw.example.com/team/openai/deployments/prod-4o/', apiVersion: '2024-10-21' }),
    'https://gw.example.com/team/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21',
  );
  assert.equal(
    chatUrl({ apiBase: 'https://myres.openai.azure.com/openai/deployments/prod-4o/chat/completions', apiVersion: '2024-10-21' }),
    'https://myres.openai.azure.com/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21',
  );
});

test('a deployment name is escaped in the path', () => {
  assert.equal(chatUrl({ upstreamModel: 'gpt 4o?', apiVersion: '2024-10-21' }), 'https://myres.openai.azure.com/openai/deployments/gpt%204o%3F/chat/completions?api-version=2024-10-21');
});

test('api_version v1, latest or preview: the v1 API, without a dated api-version', () => {
  for (const apiVersion of ['v1', 'latest', 'preview', 'V1']) {
    assert.equal(chatUrl({ apiVersion }), 'https://myres.openai.azure.com/openai/v1/chat/completions', apiVersion);
  }
  assert.equal(chatUrl({ apiBase: 'https://myres.openai.azure.com/openai/v1/', apiVersion: 'v1' }), 'https://myres.openai.azure.com/openai/v1/chat/completions');
});

test('an api_base already at /openai/v1 is the v1 API whatever the api_version', () => {
  assert.equal(chatUrl({ apiBase: 'https://myres.openai.azure.com/openai/v1', apiVersion: '2024-10-21' }), 'https://myres.openai.azure.com/openai/v1/chat/completions');
});

test('the key goes in api-key, never as a bearer', () => {
  const headers = azureOpenAIDialect(settings({})).headers(settings({ apiKey: 'azure-key' }), request);
  assert.deepEqual(headers, { 'content-type': 'application/json', 'api-key': 'azure-key' });
});

test('an Entra ID token is the bearer; a key set too wins, as in LiteLLM', () => {
  assert.deepEqual(azureOpenAIDialect(settings({})).headers(settings({ azureAdToken: 'eyJ.token' }), request), { 'content-type': 'application/json', authorization: 'Bearer eyJ.token' });
  assert.deepEqual(azureOpenAIDialect(settings({})).headers(settings({ azureAdToken: 'eyJ.token', apiKey: 'azure-key' }), request), { 'content-type': 'application/json', 'api-key': 'azure-key' });
});

test("the portal's Target URI, query included, works as api_base; its api-version wins", () => {
  assert.equal(
    chatUrl({ apiBase: 'https://myres.openai.azure.com/openai/deployments/prod-4o/chat/completions?api-version=2025-01-01-preview', apiVersion: '2024-10-21' }),
    'https://myres.openai.azure.com/openai/deployments/prod-4o/chat/completions?api-version=2025-01-01-preview',
  );
  assert.equal(
    chatUrl({ apiBase: 'https://myres.openai.azure.com/openai/deployments/prod-4o?api-version=2025-01-01-preview' }),
    'https://myres.openai.azure.com/openai/deployments/prod-4o/chat/completions?api-version=2025-01-01-preview',
  );
});

test("a Target URI copied from a Responses deployment names the resource; the entry names the deployment", () => {
  assert.equal(
    chatUrl({ apiBase: 'https://myres.openai.azure.com/openai/responses?api-version=2025-04-01-preview' }),
    'https://myres.openai.azure.com/openai/deployments/my-gpt4o-deployment/chat/completions?api-version=2025-04-01-preview',
  );
  assert.equal(chatUrl({ apiBase: 'https://myres.openai.azure.com/openai/chat/completions', apiVersion: 'v1' }), 'https://myres.openai.azure.com/openai/v1/chat/completions');
});
