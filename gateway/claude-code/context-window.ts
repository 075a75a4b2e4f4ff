/**
 * The context window Claude Code's main loop gets through this gateway, read from the config.
 * Claude Code sizes its auto-compaction by the window it assumes for the model it names (200k
 * for a claude-* id), so behind a 64k local model it never compacts and Ollama silently drops
 * the oldest messages instead. CLAUDE_CODE_AUTO_COMPACT_WINDOW tells it the real size, as
 * `ollama launch claude` and LM Studio's `lms` set it (reference/desktop.md).
 */
import type { GatehouseConfig } from '../config/schema.ts';
import { buildDeploymentTable, contextWindowOf, groupDeployments, type Deployment } from '../router/deployment-table.ts';
import { isHaikuClass } from '../router/claude-code-rules.ts';
import { ModelResolver } from '../router/resolve-model.ts';
import { mainLoopModels, type MainModelVariables } from './main-model.ts';
import { CLAUDE_CODE_MIN_CONTEXT } from './minimum-context.ts';

/** The window Claude Code assumes for Claude models; above it the variable changes nothing (Claude Code caps it). */
export const CLAUDE_CODE_DEFAULT_WINDOW = 200_000;

export interface ContextWindow {
  tokens: number;
  /** The deployment that sets it (the smallest, when requests may land on several). */
  deployment: string;
  setting: 'num_ctx' | 'max_input_tokens';
}

/** What one deployment holds, and which setting says so. */
function windowOf(deployment: Deployment): ContextWindow | undefined {
  const tokens = contextWindowOf(deployment);
  if (tokens === undefined) return undefined;
  const setting = deployment.protocol === 'ollama' && tokens !== deployment.params.maxInputTokens ? 'num_ctx' : 'max_input_tokens';
  return { tokens, deployment: deployment.id, setting };
}

function smallest(windows: readonly (ContextWindow | undefined)[]): ContextWindow | undefined {
  let least: ContextWindow | undefined;
  for (const window of windows) if (window !== undefined && (least === undefined || window.tokens < least.tokens)) least = window;
  return least;
}

/**
 * The smallest known window among the deployments Claude Code's main loop can reach with these
 * variables (main-model.ts: its ANTHROPIC_MODEL, an alias through ANTHROPIC_DEFAULT_*_MODEL),
 * following gatehouse.claude_code's rules as the router does: `background` for a haiku-class name,
 * else `think` (Claude Code's main requests carry adaptive thinking), then the group the name
 * resolves to, or `default` when it names none. With a `longContext` rule, requests past its
 * threshold go to that group, so its window is the one that bounds the conversation, unless the
 * main model's is no larger than the threshold. Undefined when no deployment on the way says its
 * size (a cloud model).
 */
export function claudeCodeContextWindow(config: GatehouseConfig, variables: MainModelVariables): ContextWindow | undefined {
  const groups = groupDeployments(buildDeploymentTable(config).deployments);
  const resolver = new ModelResolver(groups, config);
  const rules = config.gatehouse.claude_code;
  const windowOfGroup = (name: string) => smallest((resolver.tryResolve(name)?.deployments ?? []).map(windowOf));
  // The router's order for a main-loop request: a haiku-class name goes to `background`, else `think`, else the name or `default`.
  const groupsFor = (asked: string): (string | undefined)[] => (rules.background !== undefined && isHaikuClass(asked)
    ? [rules.background]
    : [rules.think, resolver.tryResolve(asked) === undefined ? rules.default : asked]);
  const reached = mainLoopModels(variables).flatMap(groupsFor);
  const main = smallest(reached.filter((name): name is string => name !== undefined).map(windowOfGroup));
  if (rules.longContext === undefined) return main;
  const long = windowOfGroup(rules.longContext);
  // Requests up to the threshold stay on the main model: a window no larger than that overflows first.
  return main !== undefined && main.tokens <= rules.longContextThreshold ? smallest([main, long]) : long;
}

/**
 * CLAUDE_CODE_AUTO_COMPACT_WINDOW for a window: only one smaller than Claude Code's own and large
 * enough to work in (below that, setting it would not help; a bigger num_ctx is the fix).
 */
export function autoCompactWindowFor(window: ContextWindow | undefined): number | undefined {
  if (window === undefined || window.tokens >= CLAUDE_CODE_DEFAULT_WINDOW || window.tokens < CLAUDE_CODE_MIN_CONTEXT) return undefined;
  return window.tokens;
}
