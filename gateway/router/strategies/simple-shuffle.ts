/**
 * LiteLLM's default: a weighted random order by `weight`, else by `rpm`, else by `tpm`, else
 * uniform. A deployment without the chosen key while others have it gets weight 1 for
 * `weight` and the largest configured value for rpm/tpm (no limit means no less capacity).
 */
import type { Deployment, DeploymentParams } from '../deployment-table.ts';
import type { RoutingStrategy } from './strategy.ts';
import { shuffleInPlace } from './strategy.ts';

type WeightKey = keyof Pick<DeploymentParams, 'weight' | 'rpm' | 'tpm'>;

function weightKeyOf(candidates: readonly Deployment[]): WeightKey | undefined {
  for (const key of ['weight', 'rpm', 'tpm'] as const) {
    if (candidates.some((deployment) => deployment.params[key] !== undefined)) return key;
  }
  return undefined;
}

function weightOf(deployment: Deployment, key: WeightKey, missing: number): number {
  return deployment.params[key] ?? missing;
}

export const simpleShuffle: RoutingStrategy = {
  name: 'simple-shuffle',
  rank(candidates, _signals, random) {
    if (candidates.length < 2) return;
    const key = weightKeyOf(candidates);
    if (key === undefined) {
      shuffleInPlace(candidates, random);
      return;
    }
    let missing = 1;
    if (key !== 'weight') for (const deployment of candidates) missing = Math.max(missing, deployment.params[key] ?? 0);
    let remaining = 0;
    for (const deployment of candidates) remaining += weightOf(deployment, key, missing);
    // Weighted sampling without replacement: position i gets a draw from the untaken tail.
    for (let position = 0; position < candidates.length - 1; position += 1) {
      let target = random() * remaining;
      let chosen = candidates.length - 1;
      for (let index = position; index < candidates.length; index += 1) {
        target -= weightOf(candidates[index] as Deployment, key, missing);
        if (target < 0) {
          chosen = index;
          break;
        }
      }
      const picked = candidates[chosen] as Deployment;
      candidates[chosen] = candidates[position] as Deployment;
      candidates[position] = picked;
      remaining -= weightOf(picked, key, missing);
    }
  },
};
