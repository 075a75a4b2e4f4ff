import type { RoutingStrategy as RoutingStrategyName } from '../../config/schema.ts';
import type { RoutingStrategy } from './strategy.ts';
import { simpleShuffle } from './simple-shuffle.ts';
import { leastBusy } from './least-busy.ts';
import { latencyBasedRouting } from './latency-based-routing.ts';
import { usageBasedRouting, usageBasedRoutingV2 } from './usage-based-routing.ts';
import { costBasedRouting } from './cost-based-routing.ts';

export type { DeploymentSignals, RoutingStrategy } from './strategy.ts';

const STRATEGIES: Record<RoutingStrategyName, RoutingStrategy> = {
  'simple-shuffle': simpleShuffle,
  'least-busy': leastBusy,
  'latency-based-routing': latencyBasedRouting,
  'usage-based-routing': usageBasedRouting,
  'usage-based-routing-v2': usageBasedRoutingV2,
  'cost-based-routing': costBasedRouting,
};

export function strategyNamed(name: RoutingStrategyName): RoutingStrategy {
  return STRATEGIES[name];
}
