/**
 * Requests that fetch cannot make: a forged Host header, a body that is not valid UTF-8, a
 * chunked body with no content-length. node:http lets the test say exactly what goes on the wire.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as-is; with `chunked` it goes out without a content-length. */
  body?: string | Buffer;
  chunked?: boolean;
  /** Fails the request (instead of waiting for ever) when no answer has come by then. */
  timeoutMs?: number;
}

export function rawRequest(baseUrl: string, options: RawRequest): Promise<RawReply> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({
      host: url.hostname,
      port: url.port,
      method: options.method ?? 'GET',
      path: options.path,
      headers: options.headers,
      // A fresh connection per request, so a refused one that the gateway closes cannot affect the next.
      agent: false,
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    if (options.timeoutMs !== undefined) outgoing.setTimeout(options.timeoutMs, () => outgoing.destroy(new Error(`no answer to ${options.method ?? 'GET'} ${options.path} within ${options.timeoutMs} ms`)));
    if (options.body !== undefined && !options.chunked) outgoing.setHeader('content-length', Buffer.byteLength(options.body));
    outgoing.end(options.body);
  });
}

/**
 * The error in a protocol-shaped error body: Anthropic's `{type: "error", error: {type, message}}`
 * or OpenAI's `{error: {message, type, code}}`. Undefined when the body is neither.
 */
export function protocolErrorOf(text: string, protocol: 'anthropic' | 'openai'): { type: string; message: string } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as { type?: unknown; error?: { type?: unknown; message?: unknown } };
  if (protocol === 'anthropic' && record.type !== 'error') return undefined;
  if (typeof record.error?.message !== 'string' || typeof record.error.type !== 'string') return undefined;
  return { type: record.error.type, message: record.error.message };
}
