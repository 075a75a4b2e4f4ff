import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntraTokenSource, EntraTokenSources } from '../../../../gateway/providers/azure/entra-token-source.ts';
import type { FetchedToken, TokenFetch } from '../../../../gateway/providers/azure/entra-sign-in.ts';

/** A sign-in answering from a list, counting its calls. */
function signIn(answers: (FetchedToken | Error)[]): { fetch: TokenFetch; calls: () => number } {
  let calls = 0;
  const fetch: TokenFetch = () => {
    calls += 1;
    const answer = answers.shift() ?? new Error('no more answers');
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { fetch, calls: () => calls };
}

test('a token is reused until five minutes before it expires, then fetched again', async () => {
  let now = 1_000_000;
  const { fetch, calls } = signIn([{ value: 'first', expiresAt: now + 3_600_000 }, { value: 'second', expiresAt: now + 7_200_000 }]);
  const source = new EntraTokenSource(fetch, () => now);
  assert.equal(await source.token(), 'first');
  now += 54 * 60_000;
  assert.equal(await source.token(), 'first');
  now += 2 * 60_000;
  assert.equal(await source.token(), 'second');
  assert.equal(calls(), 2);
});

test('requests arriving during a sign-in wait for it instead of each signing in', async () => {
  const { fetch, calls } = signIn([{ value: 'shared', expiresAt: Date.now() + 3_600_000 }]);
  const source = new EntraTokenSource(fetch);
  assert.deepEqual(await Promise.all([source.token(), source.token(), source.token()]), ['shared', 'shared', 'shared']);
  assert.equal(calls(), 1);
});

test('a failed sign-in is not remembered: the next request tries again', async () => {
  const { fetch, calls } = signIn([new Error('refused'), { value: 'after-fix', expiresAt: Date.now() + 3_600_000 }]);
  const source = new EntraTokenSource(fetch);
  await assert.rejects(source.token(), /refused/);
  assert.equal(await source.token(), 'after-fix');
  assert.equal(calls(), 2);
});

test('deployments with the same sign-in share one source; another secret or way of signing in is another', () => {
  const sources = new EntraTokenSources(() => () => Promise.resolve({ value: 't', expiresAt: 0 }));
  const app = { kind: 'client-secret', tenantId: 't', clientId: 'c', clientSecret: 's' } as const;
  const first = sources.sourceFor(app);
  assert.equal(sources.sourceFor({ ...app }), first);
  assert.notEqual(sources.sourceFor({ ...app, clientSecret: 'rotated' }), first);
  assert.notEqual(sources.sourceFor({ kind: 'azure-cli' }), first);
});

test('the tokens held are listed, and each fetch is counted, so the secrets hidden from output follow them', async () => {
  let fetches = 0;
  const sources = new EntraTokenSources((signIn) => () => Promise.resolve({ value: `${signIn.kind}-token-${(fetches += 1)}`, expiresAt: 0 }));
  assert.deepEqual(sources.held(), []);
  const app = sources.sourceFor({ kind: 'client-secret', tenantId: 't', clientId: 'c', clientSecret: 's' });
  await app.token();
  await sources.sourceFor({ kind: 'azure-cli' }).token();
  assert.equal(sources.fetched, 2);
  assert.deepEqual(sources.held(), ['client-secret-token-1', 'azure-cli-token-2']);
  // Expired at once (expiresAt 0): the next request fetches a new one, which replaces it.
  await app.token();
  assert.equal(sources.fetched, 3);
  assert.deepEqual(sources.held(), ['client-secret-token-3', 'azure-cli-token-2']);
});
