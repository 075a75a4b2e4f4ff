import type { DeploymentConfig } from '../config/schema.ts';
import type { EntraSignIn } from '../providers/azure/entra-sign-in.ts';

const CREDENTIAL_FIELDS = ['tenant_id', 'client_id', 'client_secret'] as const;

/**
 * How an entry signs in to Microsoft Entra ID, as LiteLLM decides it: an api_key or azure_ad_token
 * needs no sign-in; tenant_id, client_id and client_secret sign in as that app registration; with
 * litellm_settings.enable_azure_ad_token_refresh, an entry with none of them signs in through the
 * developer's Azure CLI (the AZURE_CLIENT_* variables were already written into the entry from the
 * environment: config/provider-environment.ts), in tenant_id's tenant if it names one.
 */
export function azureSignInOf(provider: string, params: DeploymentConfig['litellm_params'], refreshEnabled: boolean): { signIn?: EntraSignIn; problem?: { field: string; message: string } } {
  const present = CREDENTIAL_FIELDS.filter((field) => params[field] !== undefined);
  if (provider !== 'azure') {
    return present.length === 0 ? {} : { problem: { field: present[0]!, message: `${present.join(', ')}: Microsoft Entra ID sign-in is for azure/ deployments only` } };
  }
  if (params.tenant_id !== undefined && params.client_id !== undefined && params.client_secret !== undefined) {
    return { signIn: { kind: 'client-secret', tenantId: params.tenant_id, clientId: params.client_id, clientSecret: params.client_secret } };
  }
  const onlyTenant = present.length === 1 && params.tenant_id !== undefined;
  if (present.length > 0 && !(onlyTenant && refreshEnabled)) {
    return { problem: { field: present[0]!, message: `${present.join(' and ')} set without the rest: signing in with Microsoft Entra ID needs tenant_id, client_id and client_secret${onlyTenant ? ' (or litellm_settings.enable_azure_ad_token_refresh, to sign in through the Azure CLI in that tenant)' : ''}` } };
  }
  if (!refreshEnabled || params.api_key || params.azure_ad_token) return {};
  return { signIn: { kind: 'azure-cli', ...(params.tenant_id === undefined ? {} : { tenantId: params.tenant_id }) } };
}
