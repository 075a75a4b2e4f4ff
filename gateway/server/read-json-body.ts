import type { IncomingMessage } from 'node:http';
import { GatewayError, invalidRequest } from '../errors/index.ts';
import { forEachChunk } from '../proxy/for-each-chunk.ts';
import { parseJsonBytes } from './parse-json-bytes.ts';

export interface JsonBody {
  body: Record<string, unknown>;
  /** The body as it arrived: what a same-protocol upstream is sent when nothing in it changes, and what the log keeps when bodies are kept. */
  bytes: Buffer;
}

/**
 * Reads a JSON object body up to a limit. Oversized bodies are refused as soon as the limit
 * is crossed (or from content-length), without buffering the rest.
 */
export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<JsonBody> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  await forEachChunk(request, (chunk) => {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  });
  if (size === 0) throw invalidRequest('The request body is empty; send a JSON object.');
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  let body: unknown;
  try {
    body = parseJsonBytes(bytes);
  } catch (error) {
    throw invalidRequest(`The request body is not valid JSON (${(error as Error).message}).`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidRequest('The request body must be a JSON object.');
  return { body: body as Record<string, unknown>, bytes };
}

function tooLarge(limitBytes: number): GatewayError {
  // Limits under 1 MiB (tests, cautious configs) would otherwise read as "0 MiB".
  const limit = limitBytes >= 1024 * 1024 ? `${Math.round(limitBytes / 1024 / 1024)} MiB` : `${Math.round(limitBytes / 1024)} KiB`;
  return new GatewayError('caller_payload_too_large', 413, `The request body is larger than ${limit} (general_settings.max_request_size_mb).`);
}
