import type { AttemptTarget } from './routing-port.ts';

const MODEL_NOT_FOUND = /model .* not found/i;

/**
 * What to do about Ollama's 404 for a model it does not have: current versions only say
 * `model 'x' not found`. A 404 page for a wrong path (an api_base ending in /v1) gets no advice.
 * @see https://github.com/ollama/ollama/blob/main/server/routes.go (ChatHandler)
 */
export function missingOllamaModelAdvice(target: AttemptTarget, status: number, bodyText: string): string | undefined {
  if (target.protocol !== 'ollama' || status !== 404 || !MODEL_NOT_FOUND.test(bodyText)) return undefined;
  return `. Pull it with \`ollama pull ${target.upstreamModel}\` or from the Models page`;
}
