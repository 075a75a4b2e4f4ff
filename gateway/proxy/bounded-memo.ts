import { LRUCache } from 'lru-cache';

/**
 * Memos keyed by a deployment and the upstream model grow with every model name a client sends
 * to a wildcard deployment (`anthropic/*`). Past this many entries the least recently used is
 * dropped: a client cycling names cannot grow memory, while the configured models, a few dozen
 * at most, stay.
 */
export const MAX_MEMO_ENTRIES = 1024;

export const boundedMemo = <K extends NonNullable<unknown>, V extends NonNullable<unknown>>(): LRUCache<K, V> => new LRUCache<K, V>({ max: MAX_MEMO_ENTRIES });
