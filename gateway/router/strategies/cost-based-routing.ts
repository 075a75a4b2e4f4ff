/** Cheapest first by list price (LiteLLM `cost-based-routing`); unpriced deployments go last. */
import type { RoutingStrategy } from './strategy.ts';
import { rankAscending } from './strategy.ts';

export const costBasedRouting: RoutingStrategy = {
  name: 'cost-based-routing',
  rank(candidates, signals, random) {
    rankAscending(candidates, random, (deployment) => signals.referenceCost(deployment));
  },
};
