/**
 * The optional response cache (`litellm_settings.cache: true`, off by default): an in-memory LRU
 * with a TTL. The key is SHA-256 over the model group plus the canonical request in a canonical
 * JSON form (sorted keys) without the fields that do not change the answer: `stream` (a hit is
 * replayed either way, so the cached value is the final message, not a stream), `metadata`
 * (user ids), `model` (the group is keyed instead, as LiteLLM does). The namespace, when set,
 * prefixes the key so that two configs sharing a process never mix.
 */
import { createHash } from 'node:crypto';
import type { AnthropicMessageResponse, AnthropicMessagesRequest } from '../protocol/anthropic/types.ts';

export const DEFAULT_CACHE_TTL_SECONDS = 600;
export const DEFAULT_CACHE_MAX_ENTRIES = 1000;

const VOLATILE_FIELDS: ReadonlySet<string> = new Set(['stream', 'metadata', 'model', 'user']);

export interface ResponseCacheOptions {
  ttlSeconds: number;
  maxEntries: number;
  namespace: string | undefined;
}

interface Entry {
  response: AnthropicMessageResponse;
  expiresAt: number;
}

/** JSON with object keys sorted at every level, so key order in the request does not matter. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** A plain string and one text block mean the same to the Messages API (and OpenAI clients arrive as blocks). */
const asBlocks = (content: unknown) => (typeof content === 'string' ? [{ type: 'text', text: content }] : content);

export function responseCacheKey(group: string, request: AnthropicMessagesRequest, namespace: string | undefined): string {
  const stable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) if (!VOLATILE_FIELDS.has(key)) stable[key] = value;
  if (stable.system !== undefined) stable.system = asBlocks(stable.system);
  stable.messages = request.messages.map((message) => ({ ...message, content: asBlocks(message.content) }));
  const hash = createHash('sha256').update(group).update('\n').update(canonicalJson(stable)).digest('hex');
  return namespace === undefined ? hash : `${namespace}:${hash}`;
}

export class ResponseCache {
  /** Map iteration order is insertion order: the first key is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private readonly options: ResponseCacheOptions;
  private readonly clock: () => number;

  constructor(options: ResponseCacheOptions, clock: () => number) {
    this.options = options;
    this.clock = clock;
  }

  key(group: string, request: AnthropicMessagesRequest): string {
    return responseCacheKey(group, request, this.options.namespace);
  }

  get(key: string): AnthropicMessageResponse | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.clock()) return undefined;
    this.entries.set(key, entry);
    return entry.response;
  }

  /** Stores a complete response; only finished, successful messages should be stored. */
  set(key: string, response: AnthropicMessageResponse, ttlSeconds = this.options.ttlSeconds): void {
    this.entries.delete(key);
    this.entries.set(key, { response, expiresAt: this.clock() + ttlSeconds * 1000 });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
