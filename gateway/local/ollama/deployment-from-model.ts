/**
 * Turns a pulled Ollama model into a config deployment in one step. It goes through
 * /api/chat (`ollama_chat/`) so that num_ctx is sent with every request, because Ollama's
 * own default context is far too small for Claude Code's ~20k-token system prompt and tools.
 */
import type { DeploymentConfig } from '../../config/schema.ts';

export interface DeploymentFromModelInput {
  /** The Ollama model name, e.g. "qwen3:8b". */
  model: string;
  apiBase: string;
  numCtx: number;
  /** The group name clients ask for; defaults to the Ollama model name. */
  modelName?: string;
  route?: string;
}

export function deploymentIdFor(model: string): string {
  return `ollama-${model.replace(/[^\w.-]+/g, '-')}`;
}

export function deploymentFromModel(input: DeploymentFromModelInput): DeploymentConfig {
  return {
    model_name: input.modelName ?? input.model,
    litellm_params: {
      model: `ollama_chat/${input.model}`,
      api_base: input.apiBase,
      num_ctx: input.numCtx,
    },
    model_info: { id: deploymentIdFor(input.model), route: input.route ?? 'local' },
  };
}
