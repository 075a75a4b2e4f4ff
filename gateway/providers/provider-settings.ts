import type { WireProtocol } from './provider.ts';
import type { EntraSignIn } from './azure/entra-sign-in.ts';

/** What a provider needs to know about its deployment; built from config by the router's deployment table. */
export interface ProviderSettings {
  deploymentId: string;
  protocol: WireProtocol;
  /** The litellm_params.model prefix (`azure` in `azure/my-gpt-4o`): Azure has dialects of its own. */
  provider?: string;
  upstreamModel: string;
  apiBase?: string;
  apiKey?: string;
  extraHeaders?: Record<string, string>;
  /** Azure only: litellm_params.api_version. */
  apiVersion?: string;
  /** Azure only: a Microsoft Entra ID token, the bearer when there is no api key. */
  azureAdToken?: string;
  /** Azure only: how to sign in for a token, when there is neither a key nor a token. */
  azureSignIn?: EntraSignIn;
  /** Seconds; LiteLLM's `timeout` / `request_timeout`. */
  timeoutSeconds?: number;
}
