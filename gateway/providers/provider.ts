/**
 * The one interface every upstream implements. A provider is transport plus dialect:
 * it knows its base URL, auth, path and wire protocol, and sends a body that is already
 * in that protocol. Translation between protocols happens outside providers (gateway/proxy),
 * so a same-protocol request can be passed through byte for byte.
 */
import type { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type { GatewayError } from '../errors/index.ts';

/** The three wire protocols the gateway speaks to upstreams. */
export type WireProtocol = 'anthropic' | 'openai' | 'ollama';

/**
 * Cancels an upstream call: an AbortSignal, or any EventEmitter that emits 'abort' and has the
 * same `aborted` and `reason` (undici takes both; the proxy uses the cheaper emitter).
 */
export type UpstreamSignal = AbortSignal | (EventEmitter & { readonly aborted: boolean; readonly reason?: unknown });

export interface ProviderRequest {
  /** The request body, JSON, in this provider's protocol, with the upstream model name set (the client's own bytes when they needed no change). */
  body: string | Buffer;
  /** Whether the upstream will stream (SSE for anthropic/openai, NDJSON for ollama). */
  stream: boolean;
  /** Client headers worth forwarding (for example `anthropic-beta` to Anthropic). */
  forwardHeaders: Record<string, string>;
  /** Path override for calls other than chat (count_tokens); defaults to the chat path. */
  path?: string;
}

export interface ProviderResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The upstream body as it arrives; never buffered by the provider. */
  body: Readable;
}

export interface ProviderTimeouts {
  /** Connecting and waiting for response headers. */
  headersMs: number;
  /** Silence allowed between two body chunks. */
  bodyIdleMs: number;
}

export interface Provider {
  /** The deployment this provider instance serves (model_info.id). */
  readonly deploymentId: string;
  readonly protocol: WireProtocol;
  /** The model name the upstream knows (`gpt-4.1` for `openai/gpt-4.1`). */
  readonly upstreamModel: string;
  /**
   * Sends one request. Resolves when response headers arrive, with any status: mapping
   * statuses to errors is the caller's job. Rejects with a GatewayError of a provider_*
   * type when the upstream cannot be reached or times out.
   */
  send(request: ProviderRequest, signal: UpstreamSignal): Promise<ProviderResponse>;
  /**
   * Turns a failure while reading the response body (a timeout between chunks, a dropped
   * connection) into a GatewayError that names this upstream and says what happened.
   */
  describeFailure(error: unknown): GatewayError;
  /** Releases pooled connections. */
  close(): Promise<void>;
}
