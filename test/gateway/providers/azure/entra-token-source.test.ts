import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { EntraTokenSource, type TokenEndpointPost } from '../../../../gateway/providers/azure/entra-token-source.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';

const credential = { tenantId: 'tenant-1', clientId: 'client-1', clientSecret: 'secret-1' };

/** A token endpoint answering from a list, recording each form it is sent. */
function endpoint(answers: { status: number; body: string }[]): { post: TokenEndpointPost; forms: URLSearchParams[] } {
  const forms: URLSearchParams[] = [];
  const post: TokenEndpointPost = (_path, form) => {
    forms.push(new URLSearchParams(form));
    const answer = answers.shift() ?? { status: 500, body: '' };
    return Promise.resolve({ status: answer.status, headers: {}, body: Readable.from([Buffer.from(answer.body)]) });
  };
  return { post, forms };
}

const granted = (token: string, expiresIn = 3600) => ({ status: 200, body: JSON.stringify({ token_type: 'Bearer', expires_in: expiresIn, access_token: token }) });

test('a token is reused until five minutes before it expires, then fetched again', async () => {
  let now = 1_000_000;
  const { post, forms } = endpoint([granted('first'), granted('second')]);
  const source = new EntraTokenSource(credential, post, () => now);
  assert.equal(await source.token(), 'first');
  now += 54 * 60_000;
  assert.equal(await source.token(), 'first');
  now += 2 * 60_000;
  assert.equal(await source.token(), 'second');
  assert.equal(forms.length, 2);
});

test('requests arriving during a sign-in wait for it instead of each signing in', async () => {
  const { post, forms } = endpoint([granted('shared')]);
  const source = new EntraTokenSource(credential, post);
  assert.deepEqual(await Promise.all([source.token(), source.token(), source.token()]), ['shared', 'shared', 'shared']);
  assert.equal(forms.length, 1);
});

test('a refused sign-in is not remembered: the next request tries again', async () => {
  const { post, forms } = endpoint([{ status: 400, body: JSON.stringify({ error: 'unauthorized_client', error_description: 'AADSTS700016: Application with identifier client-1 was not found.\r\nTrace ID: x' }) }, granted('after-fix')]);
  const source = new EntraTokenSource(credential, post);
  await assert.rejects(source.token(), (error: unknown) => GatewayError.isInstance(error) && error.type === 'provider_unauthenticated'
    && /\(HTTP 400\): AADSTS700016: Application with identifier client-1 was not found\. Check/.test(error.message));
  assert.equal(await source.token(), 'after-fix');
  assert.equal(forms.length, 2);
});

test('an answer that is not Entra\'s JSON (a proxy\'s error page) is named by its status and text', async () => {
  const { post } = endpoint([{ status: 503, body: '<html>Service Unavailable</html>' }, granted('x', Number.NaN)]);
  const source = new EntraTokenSource(credential, post);
  await assert.rejects(source.token(), /\(HTTP 503\): <html>Service Unavailable<\/html>\./);
  await assert.rejects(source.token(), /HTTP 200/, 'a token without a lifetime is not taken');
});
