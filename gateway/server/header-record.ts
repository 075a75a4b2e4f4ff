import type { IncomingHttpHeaders } from 'node:http';

/** Flattens node's header object to single strings (repeated headers joined as HTTP allows). */
export function headerRecord(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
