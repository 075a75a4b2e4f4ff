import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDeploymentTable, type Deployment } from '../../../../gateway/router/deployment-table.ts';
import { strategyNamed, type DeploymentSignals } from '../../../../gateway/router/strategies/index.ts';
import { configFrom, seededRandom } from '../router-fixtures.ts';

function deploymentsWith(params: Record<string, unknown>[]): Deployment[] {
  return buildDeploymentTable(configFrom({
    model_list: params.map((extra, index) => ({ model_name: 'g', litellm_params: { model: `openai/m${index}`, ...extra }, model_info: { id: `d${index}` } })),
  })).deployments;
}

const quietSignals: DeploymentSignals = {
  inFlight: () => 0,
  requestsThisMinute: () => 0,
  tokensThisMinute: () => 0,
  latencyMs: () => undefined,
  referenceCost: () => undefined,
};

function firstPickShares(name: Parameters<typeof strategyNamed>[0], deployments: Deployment[], signals = quietSignals, rounds = 20_000): Record<string, number> {
  const random = seededRandom(42);
  const counts: Record<string, number> = {};
  for (let round = 0; round < rounds; round += 1) {
    const candidates = [...deployments];
    strategyNamed(name).rank(candidates, signals, random);
    const first = candidates[0]!.id;
    counts[first] = (counts[first] ?? 0) + 1 / rounds;
  }
  return counts;
}

function assertShares(actual: Record<string, number>, expected: Record<string, number>): void {
  for (const [id, share] of Object.entries(expected)) assert.ok(Math.abs((actual[id] ?? 0) - share) < 0.015, `${id}: ${actual[id]} vs ${share}`);
}

test('simple-shuffle picks by weight, else rpm, else tpm, else uniformly', () => {
  assertShares(firstPickShares('simple-shuffle', deploymentsWith([{ weight: 1 }, { weight: 3 }, { rpm: 999 }])), { d0: 0.2, d1: 0.6, d2: 0.2 });
  assertShares(firstPickShares('simple-shuffle', deploymentsWith([{ rpm: 100 }, { rpm: 300 }])), { d0: 0.25, d1: 0.75 });
  assertShares(firstPickShares('simple-shuffle', deploymentsWith([{ tpm: 1000 }, { tpm: 1000 }, { tpm: 2000 }])), { d0: 0.25, d1: 0.25, d2: 0.5 });
  assertShares(firstPickShares('simple-shuffle', deploymentsWith([{}, {}, {}, {}])), { d0: 0.25, d1: 0.25, d2: 0.25, d3: 0.25 });
});

test('simple-shuffle ranks every candidate exactly once', () => {
  const deployments = deploymentsWith([{ weight: 1 }, { weight: 5 }, { weight: 2 }]);
  const random = seededRandom(7);
  for (let round = 0; round < 100; round += 1) {
    const candidates = [...deployments];
    strategyNamed('simple-shuffle').rank(candidates, quietSignals, random);
    assert.deepEqual(candidates.map((deployment) => deployment.id).sort(), ['d0', 'd1', 'd2']);
  }
});

test('least-busy prefers the fewest in flight and splits ties evenly', () => {
  const deployments = deploymentsWith([{}, {}, {}]);
  const inFlight: Record<string, number> = { d0: 3, d1: 1, d2: 1 };
  const shares = firstPickShares('least-busy', deployments, { ...quietSignals, inFlight: (id) => inFlight[id] ?? 0 });
  assertShares(shares, { d0: 0, d1: 0.5, d2: 0.5 });
});

test('latency-based routing prefers the lowest smoothed latency and measures unknown deployments first', () => {
  const deployments = deploymentsWith([{}, {}, {}]);
  const latency: Record<string, number | undefined> = { d0: 900, d1: 300, d2: 600 };
  const candidates = [...deployments];
  strategyNamed('latency-based-routing').rank(candidates, { ...quietSignals, latencyMs: (id) => latency[id] }, seededRandom(1));
  assert.deepEqual(candidates.map((deployment) => deployment.id), ['d1', 'd2', 'd0']);
  latency.d0 = undefined;
  strategyNamed('latency-based-routing').rank(candidates, { ...quietSignals, latencyMs: (id) => latency[id] }, seededRandom(1));
  assert.equal(candidates[0]?.id, 'd0');
});

test('usage-based routing v2 prefers the least tokens this minute, then the fewest requests', () => {
  const deployments = deploymentsWith([{}, {}, {}]);
  const tokens: Record<string, number> = { d0: 5000, d1: 100, d2: 100 };
  const requests: Record<string, number> = { d0: 1, d1: 9, d2: 2 };
  const candidates = [...deployments];
  strategyNamed('usage-based-routing-v2').rank(candidates, { ...quietSignals, tokensThisMinute: (id) => tokens[id] ?? 0, requestsThisMinute: (id) => requests[id] ?? 0 }, seededRandom(3));
  assert.deepEqual(candidates.map((deployment) => deployment.id), ['d2', 'd1', 'd0']);
});

test('cost-based routing prefers the cheapest and puts unpriced deployments last', () => {
  const deployments = deploymentsWith([{}, {}, {}]);
  const costs: Record<string, number | undefined> = { d0: undefined, d1: 15, d2: 0 };
  const candidates = [...deployments];
  strategyNamed('cost-based-routing').rank(candidates, { ...quietSignals, referenceCost: (deployment) => costs[deployment.id] }, seededRandom(5));
  assert.deepEqual(candidates.map((deployment) => deployment.id), ['d2', 'd1', 'd0']);
});
