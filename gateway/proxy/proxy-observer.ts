import type { RequestRecord } from '../store/log-store.ts';
import type { ClientProtocol } from './client-protocol.ts';

export interface RequestStartInfo {
  id: string;
  at: number;
  clientProtocol: ClientProtocol;
  model: string;
  stream: boolean;
}

export interface AttemptStartInfo {
  id: string;
  deploymentId: string;
  group: string;
  route: string;
  protocol: string;
  /** The router's reason for this attempt (primary, retry, next_deployment, fallback, ...). */
  reason: string;
}

/**
 * Where the proxy reports what happens to each request (live events, metrics).
 * Implementations must be cheap: these run on the request path.
 */
export interface ProxyObserver {
  requestStarted(info: RequestStartInfo): void;
  attemptStarted(info: AttemptStartInfo): void;
  attemptFailed(info: AttemptStartInfo, errorType: string): void;
  firstToken(id: string, at: number): void;
  cacheLookup(hit: boolean): void;
  /** Called at most a few times a second per request, with an estimate of output tokens so far. */
  progress(id: string, outputTokens: number, at: number): void;
  requestEnded(record: RequestRecord): void;
}
