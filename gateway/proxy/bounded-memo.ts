/**
 * Memos keyed by a deployment and the upstream model grow with every model name a client sends
 * to a wildcard deployment (`anthropic/*`). Past this many entries the oldest is dropped: a client
 * cycling names cannot grow memory, while the configured models, a few dozen at most, stay.
 */
export const MAX_MEMO_ENTRIES = 1024;

export function setBounded<K, V>(memo: Map<K, V>, key: K, value: V): void {
  if (!memo.has(key) && memo.size >= MAX_MEMO_ENTRIES) memo.delete(memo.keys().next().value as K);
  memo.set(key, value);
}
