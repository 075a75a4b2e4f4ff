/**
 * Least tokens used this minute first, then fewest requests (LiteLLM `usage-based-routing-v2`).
 * Deployments already at their rpm/tpm limit never reach a strategy: the rate limiter drops them.
 */
import type { RoutingStrategy } from './strategy.ts';
import { rankAscending } from './strategy.ts';

/** Requests weigh in below one token so that they only break ties between equal token counts. */
const REQUEST_TIE_BREAK = 1e-6;

function createUsageBased(name: 'usage-based-routing' | 'usage-based-routing-v2'): RoutingStrategy {
  return {
    name,
    rank(candidates, signals, random) {
      rankAscending(candidates, random, (deployment) => signals.tokensThisMinute(deployment.id) + REQUEST_TIE_BREAK * signals.requestsThisMinute(deployment.id));
    },
  };
}

export const usageBasedRouting = createUsageBased('usage-based-routing');
export const usageBasedRoutingV2 = createUsageBased('usage-based-routing-v2');
