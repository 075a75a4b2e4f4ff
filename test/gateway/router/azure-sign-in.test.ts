import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureSignInOf } from '../../../gateway/router/azure-sign-in.ts';

const base = { model: 'azure/prod-4o', api_base: 'https://myres.openai.azure.com' };
const app = { tenant_id: 't', client_id: 'c', client_secret: 's' };

test('an app registration signs in as itself; a key or a pasted token needs no sign-in', () => {
  assert.deepEqual(azureSignInOf('azure', { ...base, ...app }, false), { signIn: { kind: 'client-secret', tenantId: 't', clientId: 'c', clientSecret: 's' } });
  assert.deepEqual(azureSignInOf('azure', { ...base, api_key: 'k' }, true), {});
  assert.deepEqual(azureSignInOf('azure', { ...base, azure_ad_token: 'eyJ' }, true), {});
  assert.deepEqual(azureSignInOf('azure', base, false), {}, 'without enable_azure_ad_token_refresh nothing signs in');
});

test('enable_azure_ad_token_refresh: an entry with nothing signs in through the Azure CLI, in tenant_id\'s tenant if named', () => {
  assert.deepEqual(azureSignInOf('azure', base, true), { signIn: { kind: 'azure-cli' } });
  assert.deepEqual(azureSignInOf('azure', { ...base, tenant_id: 'contoso.onmicrosoft.com' }, true), { signIn: { kind: 'azure-cli', tenantId: 'contoso.onmicrosoft.com' } });
});

test('a partial app registration, or one on another provider, is a problem at its first field', () => {
  assert.deepEqual(azureSignInOf('azure', { ...base, tenant_id: 't', client_id: 'c' }, true).problem, { field: 'tenant_id', message: 'tenant_id and client_id set without the rest: signing in with Microsoft Entra ID needs tenant_id, client_id and client_secret' });
  assert.match(azureSignInOf('azure', { ...base, tenant_id: 't' }, false).problem?.message ?? '', /or litellm_settings\.enable_azure_ad_token_refresh, to sign in through the Azure CLI in that tenant/);
  assert.deepEqual(azureSignInOf('openai', { model: 'openai/gpt-4.1', ...app }, true).problem, { field: 'tenant_id', message: 'tenant_id, client_id, client_secret: Microsoft Entra ID sign-in is for azure/ deployments only' });
});
