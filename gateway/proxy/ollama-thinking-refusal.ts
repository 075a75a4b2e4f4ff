import type { AttemptTarget } from './routing-port.ts';

const THINKING_REFUSAL = /does not support thinking/;

/**
 * Ollama answers 400 `"<model>" does not support thinking` when `think` goes to a model without
 * the thinking capability, and Claude Code asks every model for thinking, so without a second try
 * no turn would get through to such a model. Ollama's own Anthropic endpoint drops `think` there
 * too. Once `think` has been left out the refusal cannot come again.
 * @see https://github.com/ollama/ollama/blob/main/server/routes.go (ChatHandler, relax_thinking)
 */
export function refusesThinking(target: AttemptTarget, status: number, bodyText: string): boolean {
  return target.protocol === 'ollama' && target.supportsThinking !== false && status === 400 && THINKING_REFUSAL.test(bodyText);
}
