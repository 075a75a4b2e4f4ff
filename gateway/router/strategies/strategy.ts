/**
 * One interface for every `routing_strategy`: rank a group's healthy candidates, best first.
 * The router tries them in that order on retries, so a strategy is a ranking, not a single pick.
 * Strategies are pure apart from the injected random source and the live signals they read.
 */
import type { RoutingStrategy as RoutingStrategyName } from '../../config/schema.ts';
import type { Deployment } from '../deployment-table.ts';

/** Live per-deployment numbers a strategy may read; all O(1). */
export interface DeploymentSignals {
  inFlight(deploymentId: string): number;
  requestsThisMinute(deploymentId: string): number;
  tokensThisMinute(deploymentId: string): number;
  /** Smoothed time to first token (else total latency) in ms; undefined before the first success. */
  latencyMs(deploymentId: string): number | undefined;
  /** USD for a thousand input plus a thousand output tokens; undefined when unpriced. */
  referenceCost(deployment: Deployment): number | undefined;
}

export interface RoutingStrategy {
  readonly name: RoutingStrategyName;
  /** Reorders `candidates` in place, best first. */
  rank(candidates: Deployment[], signals: DeploymentSignals, random: () => number): void;
}

/** Fisher–Yates; strategies shuffle before a stable sort so that ties are broken fairly. */
export function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const item = items[index] as T;
    items[index] = items[other] as T;
    items[other] = item;
  }
}

/** Ties random, then ascending by `score`; undefined scores go last. */
export function rankAscending(candidates: Deployment[], random: () => number, score: (deployment: Deployment) => number | undefined): void {
  if (candidates.length < 2) return;
  shuffleInPlace(candidates, random);
  candidates.sort((a, b) => (score(a) ?? Number.POSITIVE_INFINITY) - (score(b) ?? Number.POSITIVE_INFINITY) || 0); // `|| 0`: two unpriced (Infinity − Infinity = NaN) tie.
}
