/**
 * LiteLLM provider prefixes Gatehouse cannot speak to: they need request signing or cloud SDK
 * auth it does not implement, or are text-completion APIs rather than chat. An api_base does not
 * help (the entry would be sent as OpenAI-compatible and fail upstream), so such entries are
 * skipped with the reason and what to use instead.
 */

const BEHIND_LITELLM = 'put LiteLLM in front and point an openai/ deployment at it';
const SIGV4 = 'needs AWS SigV4 request signing, which Gatehouse does not do';
const VERTEX = `needs Google Cloud OAuth, which Gatehouse does not do; let Claude Code use Vertex AI itself (CLAUDE_CODE_USE_VERTEX=1), use anthropic/ or gemini/ with an API key, or ${BEHIND_LITELLM}`;
const SAGEMAKER = `${SIGV4}; ${BEHIND_LITELLM}`;

const UNSUPPORTED_PROVIDERS: ReadonlyMap<string, string> = new Map([
  ['bedrock', `${SIGV4}; let Claude Code use Bedrock itself (CLAUDE_CODE_USE_BEDROCK=1), use anthropic/ with an Anthropic API key, or ${BEHIND_LITELLM}`],
  ['vertex_ai', VERTEX],
  ['vertex_ai_beta', VERTEX],
  ['sagemaker', SAGEMAKER],
  ['sagemaker_chat', SAGEMAKER],
  ['watsonx', `needs an IBM Cloud IAM token, which Gatehouse does not fetch; ${BEHIND_LITELLM}`],
  ['oci', `needs OCI request signing, which Gatehouse does not do; ${BEHIND_LITELLM}`],
  ['text-completion-openai', 'is the legacy /completions API (text, not chat), which Gatehouse does not speak; use openai/ with a chat model'],
  ['text-completion-codestral', 'is Codestral\'s fill-in-the-middle API, not chat, which Gatehouse does not speak; use mistral/codestral-latest for chat'],
  ['azure_text', 'is Azure OpenAI\'s legacy /completions API (text, not chat), which Gatehouse does not speak; deploy a chat model and use that'],
]);

/** Why entries with this prefix cannot load and what to do instead; undefined when Gatehouse can speak to it. */
export function unsupportedProviderReason(prefix: string): string | undefined {
  const reason = UNSUPPORTED_PROVIDERS.get(prefix);
  return reason === undefined ? undefined : `"${prefix}/" ${reason}`;
}
