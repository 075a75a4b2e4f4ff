import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureAnthropicDialect } from '../../../../gateway/providers/azure/azure-anthropic-provider.ts';
import type { ProviderSettings } from '../../../../gateway/providers/provider-settings.ts';
import { joinUrl } from '../../../../gateway/providers/upstream-pools.ts';

const FOUNDRY = 'https://myres.services.ai.azure.com/anthropic';

function url(base: string, path = azureAnthropicDialect.chatPath): string {
  const target = joinUrl(azureAnthropicDialect.normaliseBase!(base), path);
  return target.origin + target.path;
}

const settings = (overrides: Partial<ProviderSettings>): ProviderSettings => ({ deploymentId: 'd', protocol: 'anthropic', provider: 'azure', upstreamModel: 'claude-sonnet-4-5', apiBase: FOUNDRY, ...overrides });

test('messages go to {api_base}/v1/messages, whether api_base ends in /anthropic, /v1 or /v1/messages', () => {
  for (const base of [FOUNDRY, `${FOUNDRY}/`, `${FOUNDRY}/v1`, `${FOUNDRY}/v1/`, `${FOUNDRY}/v1/messages`]) {
    assert.equal(url(base), `${FOUNDRY}/v1/messages`, base);
  }
});

test('count_tokens goes under the same base', () => {
  assert.equal(url(`${FOUNDRY}/v1/messages`, '/v1/messages/count_tokens'), `${FOUNDRY}/v1/messages/count_tokens`);
});

test("Anthropic's headers go through; the key goes in api-key, not x-api-key", () => {
  const headers = azureAnthropicDialect.headers(settings({ apiKey: 'azure-key' }), { body: '{}', stream: true, forwardHeaders: { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'context-1m-2025-08-07' } });
  assert.deepEqual(headers, { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'context-1m-2025-08-07', 'api-key': 'azure-key' });
});

test('an Entra ID token is the bearer', () => {
  const headers = azureAnthropicDialect.headers(settings({ azureAdToken: 'eyJ.token' }), { body: '{}', stream: false, forwardHeaders: {} });
  assert.equal(headers.authorization, 'Bearer eyJ.token');
  assert.equal(headers['x-api-key'], undefined);
  assert.equal(headers['api-key'], undefined);
});
