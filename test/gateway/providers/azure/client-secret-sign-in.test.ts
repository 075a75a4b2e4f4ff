import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { clientSecretSignIn, type TokenEndpointPost } from '../../../../gateway/providers/azure/client-secret-sign-in.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';

const app = { kind: 'client-secret', tenantId: 'contoso.onmicrosoft.com', clientId: 'client-1', clientSecret: 'secret-1' } as const;

/** A token endpoint with one answer, recording what it was sent. */
function endpoint(status: number, body: string): { post: TokenEndpointPost; sent: { path: string; form: URLSearchParams }[] } {
  const sent: { path: string; form: URLSearchParams }[] = [];
  const post: TokenEndpointPost = (path, form) => {
    sent.push({ path, form: new URLSearchParams(form) });
    return Promise.resolve({ status, headers: {}, body: Readable.from([Buffer.from(body)]) });
  };
  return { post, sent };
}

test('the client-credentials grant for the Cognitive Services scope; the token expires expires_in seconds after it was asked for', async () => {
  const { post, sent } = endpoint(200, JSON.stringify({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'eyJ.token' }));
  assert.deepEqual(await clientSecretSignIn(app, post, () => 1_000)(), { value: 'eyJ.token', expiresAt: 1_000 + 3_599_000 });
  assert.equal(sent[0]?.path, '/contoso.onmicrosoft.com/oauth2/v2.0/token');
  assert.deepEqual(Object.fromEntries(sent[0]!.form), { grant_type: 'client_credentials', client_id: 'client-1', client_secret: 'secret-1', scope: 'https://cognitiveservices.azure.com/.default' });
  const fromString = endpoint(200, JSON.stringify({ expires_in: '3600', access_token: 't' }));
  assert.equal((await clientSecretSignIn(app, fromString.post, () => 0)()).expiresAt, 3_600_000, 'some identity servers send expires_in as a string');
});

test("a refusal names Entra's AADSTS reason (its first line) and the fields to check", async () => {
  const { post } = endpoint(400, JSON.stringify({ error: 'unauthorized_client', error_description: 'AADSTS700016: Application with identifier client-1 was not found.\r\nTrace ID: x\r\nCorrelation ID: y' }));
  await assert.rejects(clientSecretSignIn(app, post)(), (error: unknown) => GatewayError.isInstance(error) && error.type === 'provider_unauthenticated' && error.status === 502
    && error.message === 'Microsoft Entra ID refused to sign in client client-1 of tenant contoso.onmicrosoft.com (HTTP 400): AADSTS700016: Application with identifier client-1 was not found. Check the deployment\'s tenant_id, client_id and client_secret, and that the app has the "Cognitive Services OpenAI User" role on the resource.');
});

test("an answer that is not Entra's JSON (a proxy's error page), or a token without a lifetime, is refused", async () => {
  await assert.rejects(clientSecretSignIn(app, endpoint(503, '<html>Service Unavailable</html>').post)(), /\(HTTP 503\): <html>Service Unavailable<\/html>\. Check/);
  await assert.rejects(clientSecretSignIn(app, endpoint(200, JSON.stringify({ access_token: 't', expires_in: null })).post)(), /HTTP 200/);
});
