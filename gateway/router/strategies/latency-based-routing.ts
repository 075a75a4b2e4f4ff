/**
 * Lowest smoothed time-to-first-token first (LiteLLM `latency-based-routing`). A deployment
 * with no measurement yet ranks first so that it gets measured; the latency tracker
 * (latency-tracker.ts) supplies the numbers.
 */
import type { RoutingStrategy } from './strategy.ts';
import { rankAscending } from './strategy.ts';

export const latencyBasedRouting: RoutingStrategy = {
  name: 'latency-based-routing',
  rank(candidates, signals, random) {
    rankAscending(candidates, random, (deployment) => signals.latencyMs(deployment.id) ?? 0);
  },
};
