import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';

/** Cloud providers recognised from environment variables on first run. */
const CLOUD_PROVIDERS = [
  { env: 'ANTHROPIC_API_KEY', route: 'anthropic', entries: [{ model_name: 'claude-*', model: 'anthropic/claude-*' }] },
  { env: 'OPENAI_API_KEY', route: 'openai', entries: [{ model_name: 'gpt-*', model: 'openai/gpt-*' }, { model_name: 'o*', model: 'openai/o*' }] },
  { env: 'OPENROUTER_API_KEY', route: 'openrouter', entries: [{ model_name: 'openrouter/*', model: 'openrouter/*' }] },
  { env: 'DEEPSEEK_API_KEY', route: 'deepseek', entries: [{ model_name: 'deepseek-*', model: 'deepseek/deepseek-*' }] },
] as const;

export interface DefaultConfigInput {
  env: NodeJS.ProcessEnv;
  /** Ollama's URL when it is running or installed; no local route otherwise. */
  ollamaUrl?: string;
  /** Installed Ollama models, to pick a default for Claude Code when no cloud key exists. */
  ollamaModels?: string[];
}

export const generateSecret = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

/**
 * The config written on first run: a `local` route to Ollama, one route per provider key
 * found in the environment (referenced as os.environ/NAME, never copied), a generated
 * gateway key and admin token.
 */
export function buildDefaultConfig(input: DefaultConfigInput): string {
  const modelList: Record<string, unknown>[] = [];
  const routes: Record<string, Record<string, unknown>> = {};
  for (const provider of CLOUD_PROVIDERS) {
    if (!input.env[provider.env]) continue;
    routes[provider.route] = { enabled: true };
    for (const entry of provider.entries) {
      modelList.push({
        model_name: entry.model_name,
        litellm_params: { model: entry.model, api_key: `os.environ/${provider.env}` },
        model_info: { id: `${provider.route}-${entry.model_name.replace(/[^a-z0-9]+/gi, '') || 'all'}`, route: provider.route },
      });
    }
  }
  const claudeCode: Record<string, unknown> = { longContextThreshold: 60000 };
  if (input.ollamaUrl) {
    routes.local = { enabled: true, free: true, description: 'Models served by Ollama on this machine' };
    modelList.push({
      model_name: 'local/*',
      litellm_params: { model: 'ollama_chat/*', api_base: input.ollamaUrl },
      model_info: { id: 'ollama-local', route: 'local' },
    });
    const firstModel = input.ollamaModels?.[0];
    if (firstModel && !input.env.ANTHROPIC_API_KEY) {
      claudeCode.default = `local/${firstModel}`;
      claudeCode.background = `local/${firstModel}`;
    }
  }
  const document = {
    model_list: modelList,
    router_settings: { routing_strategy: 'simple-shuffle', num_retries: 2, allowed_fails: 3, cooldown_time: 30 },
    litellm_settings: { request_timeout: 600, cache: false },
    general_settings: { master_key: generateSecret('sk-gatehouse-') },
    gatehouse: {
      routes,
      claude_code: claudeCode,
      server: { host: '127.0.0.1', port: 4747, admin_token: generateSecret('gh-admin-') },
    },
  };
  return `# Gatehouse config (LiteLLM proxy config.yaml compatible). Written on first run; edit freely.\n${stringify(document)}`;
}
