/**
 * Per-deployment cooldowns with LiteLLM's rules (router_utils/cooldown_handlers.py):
 * - failures and successes are counted per clock minute;
 * - with `allowed_fails` set (globally or per deployment via cooldown policy), more than that
 *   many counted failures in the minute cools the deployment down;
 * - without it: a 429 cools down at once, and so does a failure rate above 50% once the
 *   minute has seen at least two requests (the first request of a minute never trips it);
 * - a "deployment misconfigured" failure (401/403/404) cools down at once;
 * - in a group with a single deployment the 429 and failure-rate rules do not apply, because
 *   cooling the only deployment turns one upstream hiccup into a hard outage (LiteLLM's
 *   SINGLE_DEPLOYMENT_TRAFFIC_FAILURE_THRESHOLD special case); an explicit allowed_fails does.
 * The cooldown lasts the deployment's `cooldown_time`, else the router's, else 5 s.
 */
import type { GatewayError } from '../errors/index.ts';
import type { FailureClass } from './failure-class.ts';

const MINUTE_MS = 60_000;
export const DEFAULT_COOLDOWN_SECONDS = 5;
const FAILURE_RATE_THRESHOLD = 0.5;

export interface CooldownSettings {
  /** Counted failures per minute tolerated before cooling down; undefined = LiteLLM's rate rules. */
  allowedFails: number | undefined;
  cooldownSeconds: number;
  disabled: boolean;
}

export interface CooldownTarget {
  deploymentId: string;
  /** Deployment-level `cooldown_time`, overriding the router's. */
  cooldownSeconds: number | undefined;
  /** How many deployments the group has. */
  groupSize: number;
}

interface MinuteCounts {
  minute: number;
  successes: number;
  failures: number;
  coolingUntil: number;
  lastError: string | undefined;
}

export interface CooldownState {
  coolingUntil: number;
  failuresThisMinute: number;
  successesThisMinute: number;
  lastError: string | undefined;
}

export class Cooldowns {
  private readonly counts = new Map<string, MinuteCounts>();
  private readonly clock: () => number;
  private settings: CooldownSettings;

  constructor(settings: CooldownSettings, clock: () => number) {
    this.settings = settings;
    this.clock = clock;
  }

  reconfigure(settings: CooldownSettings): void {
    this.settings = settings;
  }

  recordSuccess(deploymentId: string): void {
    this.current(deploymentId).successes += 1;
  }

  /** Records a failure; returns the time the cooldown ends when this failure started one. */
  recordFailure(target: CooldownTarget, failure: FailureClass, error: GatewayError): number | undefined {
    const counts = this.current(target.deploymentId);
    counts.lastError = `${error.type}: ${error.message}`;
    if (!failure.countsTowardCooldown) return undefined;
    counts.failures += 1;
    if (this.settings.disabled || !this.shouldCoolDown(counts, target, failure, error)) return undefined;
    const seconds = target.cooldownSeconds ?? this.settings.cooldownSeconds;
    counts.coolingUntil = Math.max(counts.coolingUntil, this.clock() + seconds * 1000);
    return counts.coolingUntil;
  }

  isCoolingDown(deploymentId: string): boolean {
    const counts = this.counts.get(deploymentId);
    return counts !== undefined && counts.coolingUntil > this.clock();
  }

  /** Epoch ms when the cooldown ends, or 0 when not cooling down. */
  coolingUntil(deploymentId: string): number {
    const until = this.counts.get(deploymentId)?.coolingUntil ?? 0;
    return until > this.clock() ? until : 0;
  }

  state(deploymentId: string): CooldownState {
    const counts = this.current(deploymentId);
    return {
      coolingUntil: this.coolingUntil(deploymentId),
      failuresThisMinute: counts.failures,
      successesThisMinute: counts.successes,
      lastError: counts.lastError,
    };
  }

  private shouldCoolDown(counts: MinuteCounts, target: CooldownTarget, failure: FailureClass, error: GatewayError): boolean {
    if (failure.immediateCooldown) return true;
    if (this.settings.allowedFails !== undefined) return counts.failures > this.settings.allowedFails;
    if (target.groupSize <= 1) return false;
    if ((error.upstreamStatus ?? error.status) === 429) return true;
    const total = counts.failures + counts.successes;
    return total >= 2 && counts.failures / total > FAILURE_RATE_THRESHOLD;
  }

  private current(deploymentId: string): MinuteCounts {
    const minute = Math.floor(this.clock() / MINUTE_MS);
    let counts = this.counts.get(deploymentId);
    if (counts === undefined) {
      counts = { minute, successes: 0, failures: 0, coolingUntil: 0, lastError: undefined };
      this.counts.set(deploymentId, counts);
    } else if (counts.minute !== minute) {
      counts.minute = minute;
      counts.successes = 0;
      counts.failures = 0;
    }
    return counts;
  }
}
