/**
 * Which groups to try after a group gives up, per LiteLLM: `fallbacks` (with `"*"` as a
 * catch-all key, then `default_fallbacks`) for ordinary failures, `context_window_fallbacks`
 * and `content_policy_fallbacks` for those rejections only (no general fallback for them, as
 * in LiteLLM: a prompt that is too long is too long everywhere else too). A fallback group's
 * own fallbacks follow it, breadth first; each group appears once (cycles are cut) and at most
 * `max_fallbacks` (default 5) groups follow the first.
 */
import type { GatehouseConfig } from '../config/schema.ts';
import type { FallbackKind } from './failure-class.ts';

export const DEFAULT_MAX_FALLBACKS = 5;

type FallbackMap = ReadonlyMap<string, readonly string[]>;

export interface FallbackLists {
  general: FallbackMap;
  contextWindow: FallbackMap;
  contentPolicy: FallbackMap;
  defaults: readonly string[];
  maxFallbacks: number;
}

function toMap(entries: Record<string, string[]>[] | undefined): FallbackMap {
  const map = new Map<string, string[]>();
  for (const entry of entries ?? []) for (const [group, targets] of Object.entries(entry)) map.set(group, [...(map.get(group) ?? []), ...targets]);
  return map;
}

/** router_settings wins over litellm_settings where both set a list. */
export function fallbackListsFrom(config: GatehouseConfig): FallbackLists {
  const router = config.router_settings;
  const litellm = config.litellm_settings;
  return {
    general: toMap(router.fallbacks ?? litellm.fallbacks),
    contextWindow: toMap(router.context_window_fallbacks ?? litellm.context_window_fallbacks),
    contentPolicy: toMap(router.content_policy_fallbacks ?? litellm.content_policy_fallbacks),
    defaults: router.default_fallbacks ?? litellm.default_fallbacks ?? [],
    maxFallbacks: router.max_fallbacks ?? DEFAULT_MAX_FALLBACKS,
  };
}

function directFallbacks(group: string, kind: Exclude<FallbackKind, 'none'>, lists: FallbackLists): readonly string[] {
  switch (kind) {
    case 'general':
      return lists.general.get(group) ?? lists.general.get('*') ?? lists.defaults;
    case 'context_window':
      return lists.contextWindow.get(group) ?? [];
    case 'content_policy':
      return lists.contentPolicy.get(group) ?? [];
  }
}

/** The groups to try after `group`, in order; never contains `group` or `exclude` members. */
export function fallbackChain(group: string, kind: FallbackKind, lists: FallbackLists, exclude: ReadonlySet<string> = new Set()): string[] {
  if (kind === 'none') return [];
  const chain: string[] = [];
  const seen = new Set<string>([group, ...exclude]);
  const queue = [group];
  for (let next = queue.shift(); next !== undefined && chain.length < lists.maxFallbacks; next = queue.shift()) {
    for (const candidate of directFallbacks(next, kind, lists)) {
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      chain.push(candidate);
      queue.push(candidate);
      if (chain.length >= lists.maxFallbacks) break;
    }
  }
  return chain;
}
