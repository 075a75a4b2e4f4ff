/**
 * Picks a group for a request from `gatehouse.claude_code` (after claude-code-router's
 * `Router` section). Rules are checked in this order, first match wins:
 *   longContext (estimated input tokens > longContextThreshold) → background (a haiku-class
 *   model name: Claude Code's title/summary calls) → webSearch (a `web_search*` tool) →
 *   think (thinking enabled or adaptive) → default (the name is not a configured group).
 * Long context comes first because a request that does not fit is a failure whatever else it is.
 */
import type { ClaudeCodeRules } from '../config/schema.ts';
import type { AnthropicMessagesRequest } from '../protocol/anthropic/types.ts';

export type ClaudeCodeRule = 'longContext' | 'background' | 'webSearch' | 'think' | 'default';

export interface ClaudeCodeChoice {
  group: string;
  rule: ClaudeCodeRule;
}

export interface ClaudeCodeRequest {
  /** The model name the client asked for. */
  model: string;
  /** The request in Anthropic form, converted on first call (pass-through requests rarely need it). */
  canonical: () => AnthropicMessagesRequest;
  /** Called only when a longContext rule is configured: tokenizing is the expensive part. */
  estimatedInputTokens: () => number;
  /** Whether `model` already names a configured group, alias or wildcard. */
  isConfiguredName: (model: string) => boolean;
}

/** A haiku-class model name: what Claude Code's background calls ask for, and what `background` routes. */
export const isHaikuClass = (model: string): boolean => /haiku/i.test(model);

function hasWebSearchTool(request: AnthropicMessagesRequest): boolean {
  const tools = request.tools;
  if (tools === undefined) return false;
  for (const tool of tools) {
    const type = (tool as { type?: unknown }).type;
    if ((typeof type === 'string' && type.startsWith('web_search')) || tool.name === 'web_search') return true;
  }
  return false;
}

function hasThinking(request: AnthropicMessagesRequest): boolean {
  const type = request.thinking?.type;
  return type === 'enabled' || type === 'adaptive';
}

/** The group the rules choose, or undefined when none applies (plain name resolution then). */
export function chooseClaudeCodeGroup(rules: ClaudeCodeRules, request: ClaudeCodeRequest): ClaudeCodeChoice | undefined {
  if (rules.longContext !== undefined && request.estimatedInputTokens() > rules.longContextThreshold) {
    return { group: rules.longContext, rule: 'longContext' };
  }
  if (rules.background !== undefined && isHaikuClass(request.model)) return { group: rules.background, rule: 'background' };
  if (rules.webSearch !== undefined && hasWebSearchTool(request.canonical())) return { group: rules.webSearch, rule: 'webSearch' };
  if (rules.think !== undefined && hasThinking(request.canonical())) return { group: rules.think, rule: 'think' };
  if (rules.default !== undefined && !request.isConfiguredName(request.model)) return { group: rules.default, rule: 'default' };
  return undefined;
}
