/**
 * How an azure/ deployment signs in to Microsoft Entra ID when it has neither a key nor a pasted
 * token: as an app registration with its secret (LiteLLM's tenant_id, client_id, client_secret,
 * or AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET under enable_azure_ad_token_refresh), or
 * as the developer signed in to the Azure CLI (`az login`), which is where DefaultAzureCredential
 * ends up on a developer's machine.
 */
export type EntraSignIn =
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'azure-cli'; tenantId?: string };

/** Azure OpenAI's and Foundry's audience, for both ways of signing in. */
export const COGNITIVE_SERVICES_RESOURCE = 'https://cognitiveservices.azure.com';

export interface FetchedToken {
  value: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Signs in once; a failure is a GatewayError that says what to check. */
export type TokenFetch = () => Promise<FetchedToken>;
