/**
 * Which groups to try after a group gives up, picked as LiteLLM's
 * async_function_with_fallbacks_common_utils (router.py) picks them: a context-window or
 * content-policy rejection takes `context_window_fallbacks` / `content_policy_fallbacks`, anything
 * else `fallbacks`, with `"*"` (and `default_fallbacks`) catching groups without their own list.
 * Lists are keyed as LiteLLM keys them, by the model name asked for (the client's, or the
 * fallback entry's): a wildcard group (`claude-*`) serves many names, and a fallback for one of
 * them (`claude-opus-4`) is found under that name.
 * One difference, on purpose: where LiteLLM sends those rejections to the general `fallbacks` when
 * their own setting is absent, here they get none, since a prompt that is too long is too long
 * for the usual fallbacks too (a small local model would truncate it silently). The router walks
 * these lists depth first (see `plan` in router.ts) and stops after `max_fallbacks` (default 5).
 */
import type { GatehouseConfig } from '../config/schema.ts';
import type { FallbackKind } from './failure-class.ts';
import { PROVIDER_PREFIXES } from './provider-prefixes.ts';

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

/**
 * The keys a group's fallbacks may be listed under, first match wins: the name asked for; that
 * name without a provider prefix (LiteLLM's _check_stripped_model_group, for `openai/*`-style
 * wildcard groups); the group itself, so lists keyed by group (`claude-*`, an alias target) work.
 */
function keysFor(requested: string, group: string): string[] {
  const slash = requested.indexOf('/');
  const stripped = slash > 0 && Object.hasOwn(PROVIDER_PREFIXES, requested.slice(0, slash)) ? requested.slice(slash + 1) : requested;
  return [requested, stripped, group];
}

function listed(map: FallbackMap, keys: readonly string[]): readonly string[] | undefined {
  for (const key of keys) {
    const targets = map.get(key);
    if (targets !== undefined) return targets;
  }
  return undefined;
}

/** The groups to try after `group`, asked for as `requested`, failed with a `kind` failure, in the configured order. */
export function fallbacksFor(requested: string, group: string, kind: Exclude<FallbackKind, 'none'>, lists: FallbackLists): readonly string[] {
  const keys = keysFor(requested, group);
  switch (kind) {
    case 'general':
      return listed(lists.general, keys) ?? lists.general.get('*') ?? lists.defaults;
    case 'context_window':
      return listed(lists.contextWindow, keys) ?? [];
    case 'content_policy':
      return listed(lists.contentPolicy, keys) ?? [];
  }
}
