/**
 * The model names Claude Code's main loop sends, from the variables that choose them
 * (code.claude.com/docs/en/model-config). ANTHROPIC_MODEL may name one of Claude Code's aliases,
 * which it turns into its tier's ANTHROPIC_DEFAULT_*_MODEL, else its own model for the tier; with
 * no ANTHROPIC_MODEL it uses its default, the opus or the sonnet tier depending on the account
 * (and /model switches between them), so `--opus-model qwen3` alone puts the main loop on qwen3
 * (as `ollama launch claude` wires it, reference/desktop.md). Subagents run on
 * CLAUDE_CODE_SUBAGENT_MODEL when it is set.
 */

/** The variables that decide the models Claude Code's conversations run on. */
export const MAIN_MODEL_VARIABLES = ['ANTHROPIC_MODEL', 'ANTHROPIC_DEFAULT_OPUS_MODEL', 'ANTHROPIC_DEFAULT_SONNET_MODEL', 'ANTHROPIC_DEFAULT_HAIKU_MODEL', 'CLAUDE_CODE_SUBAGENT_MODEL'] as const;

/** Their values; an empty one is an unset one. */
export type MainModelVariables = Partial<Record<(typeof MAIN_MODEL_VARIABLES)[number], string | undefined>>;

type Tier = 'opus' | 'sonnet' | 'haiku';

/** Each tier's variable, and what Claude Code 2.1.197 sends for the tier without it (claude-code-captures). */
const TIERS: Record<Tier, { variable: keyof MainModelVariables; model: string }> = {
  opus: { variable: 'ANTHROPIC_DEFAULT_OPUS_MODEL', model: 'claude-opus-4-8' },
  sonnet: { variable: 'ANTHROPIC_DEFAULT_SONNET_MODEL', model: 'claude-sonnet-5' },
  haiku: { variable: 'ANTHROPIC_DEFAULT_HAIKU_MODEL', model: 'claude-haiku-4-5-20251001' },
};

/** Claude Code's aliases and the tiers each sends the main loop to (opusplan: opus in plan mode, sonnet otherwise). */
const ALIAS_TIERS: Record<string, readonly Tier[]> = {
  default: ['opus', 'sonnet'],
  best: ['opus'],
  opus: ['opus'],
  'opus[1m]': ['opus'],
  sonnet: ['sonnet'],
  'sonnet[1m]': ['sonnet'],
  haiku: ['haiku'],
  opusplan: ['opus', 'sonnet'],
};

/** Whether `name` is one of Claude Code's aliases rather than a model name it sends as is. */
export const isClaudeCodeAlias = (name: string): boolean => Object.hasOwn(ALIAS_TIERS, name);

/** The names the main loop may send (one unless an alias covers several tiers), and the subagents' model. */
export function mainLoopModels(variables: MainModelVariables): string[] {
  const asked = variables.ANTHROPIC_MODEL || 'default';
  const main = isClaudeCodeAlias(asked) ? ALIAS_TIERS[asked]!.map((tier) => variables[TIERS[tier].variable] || TIERS[tier].model) : [asked];
  return variables.CLAUDE_CODE_SUBAGENT_MODEL ? [...main, variables.CLAUDE_CODE_SUBAGENT_MODEL] : main;
}
