/**
 * Per-deployment rpm/tpm over fixed clock minutes (as LiteLLM counts them) and
 * max_parallel_requests. A request counts toward rpm when it starts and toward tpm when its
 * token usage is known, so tpm can overshoot by the requests in flight: an accepted trade for
 * not having to estimate output tokens up front.
 */
import type { Deployment } from './deployment-table.ts';

const MINUTE_MS = 60_000;

export interface DeploymentLoad {
  inFlight: number;
  /** floor(now / 60 s) that the two counters below belong to. */
  minute: number;
  requestsThisMinute: number;
  tokensThisMinute: number;
}

export type LimitVerdict = 'ok' | 'rpm' | 'tpm' | 'parallel';

export class RateLimiter {
  private readonly loads = new Map<string, DeploymentLoad>();
  private readonly clock: () => number;

  constructor(clock: () => number) {
    this.clock = clock;
  }

  /** Counts a request against rpm and in-flight; pair with release(). */
  acquire(deploymentId: string): void {
    const load = this.current(deploymentId);
    load.inFlight += 1;
    load.requestsThisMinute += 1;
  }

  /** Ends an acquired request; `tokens` (input + output) counts toward tpm. */
  release(deploymentId: string, tokens: number): void {
    const load = this.current(deploymentId);
    load.inFlight = Math.max(0, load.inFlight - 1);
    load.tokensThisMinute += tokens;
  }

  /** Whether one more request fits right now, and which limit stops it if not. */
  check(deployment: Deployment): LimitVerdict {
    const { rpm, tpm, maxParallelRequests } = deployment.params;
    if (rpm === undefined && tpm === undefined && maxParallelRequests === undefined) return 'ok';
    const load = this.current(deployment.id);
    if (maxParallelRequests !== undefined && load.inFlight >= maxParallelRequests) return 'parallel';
    if (rpm !== undefined && load.requestsThisMinute >= rpm) return 'rpm';
    if (tpm !== undefined && load.tokensThisMinute >= tpm) return 'tpm';
    return 'ok';
  }

  /** The counters for this minute (zeros for an unknown deployment). */
  load(deploymentId: string): Readonly<DeploymentLoad> {
    return this.current(deploymentId);
  }

  /** Milliseconds until the minute window turns over and rpm/tpm counters reset. */
  msUntilWindowReset(): number {
    return MINUTE_MS - (this.clock() % MINUTE_MS);
  }

  private current(deploymentId: string): DeploymentLoad {
    const minute = Math.floor(this.clock() / MINUTE_MS);
    let load = this.loads.get(deploymentId);
    if (load === undefined) {
      load = { inFlight: 0, minute, requestsThisMinute: 0, tokensThisMinute: 0 };
      this.loads.set(deploymentId, load);
    } else if (load.minute !== minute) {
      load.minute = minute;
      load.requestsThisMinute = 0;
      load.tokensThisMinute = 0;
    }
    return load;
  }
}
