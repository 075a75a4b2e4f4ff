import type { GatewayError } from '../errors/index.ts';
import type { AnthropicMessageResponse } from '../protocol/anthropic/types.ts';
import type { ToolNameMap } from '../protocol/anthropic-to-openai/convert-request.ts';
import type { ClientResponse } from './client-response.ts';
import type { ProxyCall, ProxyServices } from './handle-proxy-request.ts';
import type { RouteAttempt } from './routing-port.ts';
import type { StreamIdentity } from './stream-codecs.ts';
import { randomHex } from './random-hex.ts';
import type { Cancellation } from './cancellation.ts';
import type { UsageTotals } from './usage-tracker.ts';

/** What one request has produced so far, filled in as attempts run; becomes its record. */
export interface RequestProgress {
  attempts: number;
  target: RouteAttempt['target'] | null;
  usage: UsageTotals;
  ttftMs: number | null;
  status: number;
  error: GatewayError | null;
  responseBody: string | null;
  cacheHit: boolean;
  /** The answered attempt's cost, computed once (a JSON reply needs it for its header already). */
  costUsd: number | null;
  /** The complete answer in canonical form, kept only when the response cache is on. */
  finalMessage: AnthropicMessageResponse | null;
  /** How the stream sent to the client ends in an error, when that depends on what it carried (Responses); set by the relay. */
  failStream?: (error: GatewayError) => string;
}

/** Everything a relay needs to answer the client for one attempt. */
export interface AttemptContext {
  services: ProxyServices;
  call: ProxyCall;
  attempt: RouteAttempt;
  identity: StreamIdentity;
  response: ClientResponse;
  signal: Cancellation;
  progress: RequestProgress;
  costOf: (usage: UsageTotals) => number;
  /** Build the final canonical message (for the response cache). */
  keepFinalMessage: boolean;
  /** The upstream's `request-id` response header, when it sent one (Anthropic does). */
  upstreamRequestId: string | undefined;
  /** Request fields the gateway changed in meaning for the upstream model, told to the client. */
  adjusted: string | undefined;
}

export const elapsedSince = (mark: number) => performance.now() - mark;

const newToolUseId = () => `toolu_${randomHex(12)}`;

/**
 * The ids a translated answer needs, made on first use: a pass-through answer keeps the
 * upstream's ids and never asks. A class, so the lazy fields are prototype getters rather than
 * per-request closures.
 */
class LazyStreamIdentity implements StreamIdentity {
  readonly clientModel: string;
  readonly created: number;
  readonly toolNames: ToolNameMap | undefined;
  readonly includeUsage: boolean;
  #messageId: string | undefined;
  #openaiId: string | undefined;
  #responseId: string | undefined;

  constructor(call: ProxyCall, toolNames: ToolNameMap | undefined) {
    this.clientModel = call.body.model as string;
    this.created = Math.floor(call.startedAt / 1000);
    this.toolNames = toolNames;
    this.includeUsage = (call.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  }

  get messageId(): string {
    return (this.#messageId ??= `msg_${randomHex(16)}`);
  }

  get openaiId(): string {
    return (this.#openaiId ??= `chatcmpl-${randomHex(16)}`);
  }

  get responseId(): string {
    return (this.#responseId ??= `resp_${randomHex(24)}`);
  }

  readonly newId = newToolUseId;
}

export function newStreamIdentity(call: ProxyCall, toolNames: ToolNameMap | undefined): StreamIdentity {
  return new LazyStreamIdentity(call, toolNames);
}

export function gatewayHeaders(call: ProxyCall, target: RouteAttempt['target'] | null, upstreamRequestId?: string, adjusted?: string): Record<string, string> {
  const headers: Record<string, string> = { 'x-gatehouse-request-id': call.id };
  // Claude Code stores `request-id` as each transcript entry's requestId, which usage tools
  // de-duplicate entries by: Anthropic's own id when it answered, else ours.
  if (call.clientProtocol === 'anthropic') headers['request-id'] = upstreamRequestId ?? call.id;
  if (target) {
    headers['x-gatehouse-deployment'] = target.deploymentId;
    headers['x-gatehouse-route'] = target.route;
  }
  if (adjusted !== undefined) headers['x-gatehouse-adjusted'] = adjusted;
  return headers;
}

export function upstreamLabel(attempt: RouteAttempt): string {
  return `Upstream "${attempt.target.deploymentId}" (${attempt.target.protocol})`;
}
