/** Fewest requests in flight first (LiteLLM `least-busy`); ties are broken at random. */
import type { RoutingStrategy } from './strategy.ts';
import { rankAscending } from './strategy.ts';

export const leastBusy: RoutingStrategy = {
  name: 'least-busy',
  rank(candidates, signals, random) {
    rankAscending(candidates, random, (deployment) => signals.inFlight(deployment.id));
  },
};
