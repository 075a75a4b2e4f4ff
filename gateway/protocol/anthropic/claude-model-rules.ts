/*
 * What each Claude model accepts, keyed by the upstream model name, for the functions that fit a
 * request to the model it goes to. Facts relied on (Anthropic's docs unless marked):
 *
 * - Budget thinking (`enabled` + budget_tokens) is deprecated on Claude 4.6 and refused with a 400
 *   by Claude 4.7 and later; 4.5 and earlier know only budgets.
 *   https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting
 * - Thinking is on by default on Claude Opus 5, Sonnet 5, Sonnet 5.5 and Haiku 5.5 (no thinking
 *   field means adaptive thinking); Opus 5 takes `disabled` only at effort high or below.
 *   https://platform.claude.com/docs/en/models/opus-5/migration-guide
 * - Opus 5.5, Fable 5/5.1 and Mythos 5/5.1 think always: `disabled` and `enabled` are a 400
 *   ("thinking.type.disabled is not supported for this model. Use thinking.type.adaptive and
 *   output_config.effort"); leave thinking out or send adaptive, and lower the effort instead.
 *   https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5,
 *   https://platform.claude.com/docs/zh-CN/models/fable-5/migration-guide
 * - Sonnet 5.5 refuses `disabled` and takes `between_tools` in its place (its lowest setting,
 *   only at effort low/medium/high).
 *   https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5
 * - Forced tool use (tool_choice any/tool) is a 400 on Opus 5.5, Sonnet 5.5, Fable 5.1 and Mythos
 *   5.1; other adaptive models accept it and skip thinking. (OpenRouter's 5.5 cookbook says all
 *   three 5.5 models; Anthropic's page names the four, and Haiku 5.5's checklist has no such item.)
 *   https://platform.claude.com/docs/ja/build-with-claude/thinking-tool-workflows
 *   https://platform.claude.com/docs/ja/models/haiku-5-5/migration-guide
 * - A final assistant message (prefill) is a 400 from Claude 4.6 on ("This model does not support
 *   assistant message prefill"). https://platform.claude.com/docs/en/about-claude/models/migration-guide
 * - A temperature, top_p or top_k other than the default is a 400 from Opus 4.7 on (Sonnet 5,
 *   Haiku 5.5, the 5.5 models, Fable, Mythos); Sonnet 4.6 still takes them.
 *   https://platform.claude.com/docs/zh-CN/models/sonnet-5/overview,
 *   https://platform.claude.com/docs/en/models/sonnet-5-5/migration-guide,
 *   https://openrouter.ai/docs/guides/evaluate-and-optimize/model-migrations/claude-4-7
 * - Adaptive thinking arrived with Claude 4.6 (Opus 4.6, Sonnet 4.6): 4.5 and earlier refuse it and
 *   take a budget. https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking#supported-models
 * - Effort: low/medium/high on Opus 4.5, `max` added by 4.6, `xhigh` (between high and max) by
 *   Opus 4.7; the 5.x models take the whole ladder. Models before Opus 4.5 (Sonnet and Haiku 4.5
 *   among them) take no effort at all: the effort page's supported models start at Opus 4.5.
 *   https://openrouter.ai/docs/cookbook/evaluate-and-optimize/model-migrations/claude-5-5,
 *   https://platform.claude.com/docs/en/build-with-claude/effort
 * - Thinking blocks from a model the current one cannot read are dropped by the API without an
 *   error; only a changed prefix before a block is a 400 (preserved thinking), so a gateway that
 *   passes history through unchanged has nothing to strip when a conversation changes Claude.
 *   https://platform.claude.com/docs/en/build-with-claude/preserved-thinking
 *
 * A model newer than any listed here takes the newest rules of its family, and a family not listed
 * the newest rules of any family at or below its version: the strictest known, which leaves out
 * what a newer model is likelier to refuse.
 */

export type ThinkingType = 'enabled' | 'adaptive' | 'disabled' | 'between_tools';

/** Anthropic's effort ladder, weakest first. */
export const EFFORT_LADDER = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export type LadderEffort = (typeof EFFORT_LADDER)[number];

export interface ClaudeModelRules {
  /** The `thinking.type` values the model accepts. */
  thinkingTypes: ReadonlySet<ThinkingType>;
  /** Whether a request without a `thinking` field runs with (adaptive) thinking. */
  thinksByDefault: boolean;
  /** `disabled` (or `between_tools`) is accepted only at this effort or below. */
  thinkingOffUpTo?: LadderEffort;
  forcedToolUse: boolean;
  /** Non-default temperature, top_p and top_k. */
  samplingParams: boolean;
  /** A conversation ending with an assistant message. */
  prefill: boolean;
  /** The efforts output_config.effort takes (none: it is left out); undefined where not known (left as the client sent it). */
  efforts?: readonly LadderEffort[];
}

const types = (...values: ThinkingType[]): ReadonlySet<ThinkingType> => new Set(values);
const UP_TO_HIGH = EFFORT_LADDER.slice(0, 3);
const UP_TO_MAX_WITHOUT_XHIGH: readonly LadderEffort[] = ['low', 'medium', 'high', 'max'];

const LEGACY: ClaudeModelRules = { thinkingTypes: types('enabled', 'disabled'), thinksByDefault: false, forcedToolUse: true, samplingParams: true, prefill: true, efforts: [] };
const CLAUDE_4_6: ClaudeModelRules = { thinkingTypes: types('enabled', 'adaptive', 'disabled'), thinksByDefault: false, forcedToolUse: true, samplingParams: true, prefill: false, efforts: UP_TO_MAX_WITHOUT_XHIGH };
const OPUS_4_7: ClaudeModelRules = { ...CLAUDE_4_6, thinkingTypes: types('adaptive', 'disabled'), samplingParams: false, efforts: EFFORT_LADDER };
const ON_BY_DEFAULT: ClaudeModelRules = { ...OPUS_4_7, thinksByDefault: true };
const ALWAYS_ON: ClaudeModelRules = { ...ON_BY_DEFAULT, thinkingTypes: types('adaptive') };
const ALWAYS_ON_NO_FORCED_TOOLS: ClaudeModelRules = { ...ALWAYS_ON, forcedToolUse: false };

/** [family or '*' for any, major, minor, rules], oldest first; at one version the strictest comes last. */
const KNOWN: readonly (readonly [string, number, number, ClaudeModelRules])[] = [
  ['*', 0, 0, LEGACY],
  ['opus', 4, 5, { ...LEGACY, efforts: UP_TO_HIGH }],
  ['opus', 4, 6, CLAUDE_4_6],
  ['sonnet', 4, 6, CLAUDE_4_6],
  ['opus', 4, 7, OPUS_4_7],
  ['opus', 5, 0, { ...ON_BY_DEFAULT, thinkingOffUpTo: 'high' }],
  ['sonnet', 5, 0, ON_BY_DEFAULT],
  ['fable', 5, 0, ALWAYS_ON],
  ['mythos', 5, 0, ALWAYS_ON],
  ['fable', 5, 1, ALWAYS_ON_NO_FORCED_TOOLS],
  ['mythos', 5, 1, ALWAYS_ON_NO_FORCED_TOOLS],
  ['haiku', 5, 5, ON_BY_DEFAULT],
  ['sonnet', 5, 5, { ...ON_BY_DEFAULT, thinkingTypes: types('adaptive', 'between_tools'), thinkingOffUpTo: 'high', forcedToolUse: false }],
  ['opus', 5, 5, ALWAYS_ON_NO_FORCED_TOOLS],
];

type Versioned = readonly [family: string, major: number, minor: number, ...unknown[]];
const compare = (a: Versioned, b: Versioned): number => a[1] - b[1] || a[2] - b[2];

/**
 * claude-<family>-<major>[-<minor>][-<date>], optionally behind a platform prefix
 * (`anthropic.`, `us.anthropic.`): claude-opus-5-5, claude-sonnet-4-6-20260217, claude-fable-5-1.
 * The 3.x names (claude-3-7-sonnet-…) and named previews have no version here.
 */
const MODEL_NAME = /(?:^|[./])claude-([a-z]+)-(\d+)(?:-(\d{1,2}))?(?=$|[-@:])/;

/** The rules of a Claude model by its upstream name; undefined for a name that is not one. */
export function claudeModelRules(model: string): ClaudeModelRules | undefined {
  const parsed = MODEL_NAME.exec(model);
  if (parsed === null) return undefined;
  const name: Versioned = [parsed[1]!, Number(parsed[2]), Number(parsed[3] ?? 0)];
  const knownFamily = KNOWN.some(([family]) => family === name[0]);
  const candidates = KNOWN.filter(([family]) => family === '*' || family === name[0] || !knownFamily);
  return candidates.filter((entry) => compare(entry, name) <= 0).reduce((best, entry) => (compare(entry, best) >= 0 ? entry : best))[3];
}

/** The highest effort the model takes at or below `wanted` (`wanted` itself where its efforts are not known). */
export function nearestEffort(rules: ClaudeModelRules, wanted: LadderEffort): LadderEffort {
  const rank = EFFORT_LADDER.indexOf(wanted);
  return rules.efforts?.findLast((effort) => EFFORT_LADDER.indexOf(effort) <= rank) ?? wanted;
}

export const isLadderEffort = (effort: string | undefined): effort is LadderEffort => EFFORT_LADDER.includes(effort as LadderEffort);

/** The effort to send with thinking switched off: the one asked for, lowered to the model's limit for that. */
export function effortWithThinkingOff<E extends string | undefined>(rules: ClaudeModelRules, effort: E): E | LadderEffort {
  const limit = rules.thinkingOffUpTo;
  if (limit === undefined || !isLadderEffort(effort)) return effort;
  return EFFORT_LADDER.indexOf(effort) > EFFORT_LADDER.indexOf(limit) ? limit : effort;
}
