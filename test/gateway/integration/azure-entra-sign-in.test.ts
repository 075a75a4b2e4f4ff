/**
 * azure/ deployments that sign in to Microsoft Entra ID: as an app registration (LiteLLM's
 * tenant_id, client_id, client_secret, or the AZURE_CLIENT_* variables under
 * enable_azure_ad_token_refresh), the token fetched from the tenant's token endpoint
 * (AZURE_AUTHORITY_HOST points it at a local one here); or through the developer's Azure CLI (a
 * stand-in `az` on the PATH). The token goes as the bearer and is shared between requests; a
 * refused sign-in reaches the client as an error that says what to fix.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '8c7a5e0c-3b7d-4a43-9f29-0123456789ab';
const SECRET = 'client-secret-planted~0123456789abcdef';
const ACCESS_TOKEN = 'eyJ0eXAiOiJKV1Qi.signed-in-token-planted.0123456789';

interface TokenRequest {
  path: string;
  form: URLSearchParams;
}

const tokenRequests: TokenRequest[] = [];
let tokenServer: Server;
let tokenServerUrl = '';

before(async () => {
  tokenServer = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const form = new URLSearchParams(text);
      tokenRequests.push({ path: request.url ?? '', form });
      response.setHeader('content-type', 'application/json');
      if (form.get('client_secret') !== SECRET) {
        // Entra's shape: the AADSTS code and reason first, then trace and correlation ids on later lines.
        response.statusCode = 401;
        response.end(JSON.stringify({ error: 'invalid_client', error_description: "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: 0b1c\r\nCorrelation ID: 9f2e", error_codes: [7000215] }));
        return;
      }
      response.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: ACCESS_TOKEN }));
    });
  });
  await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
  tokenServerUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => tokenServer.close(() => resolve())));

describe('an app registration in the config', () => {
  const setup = useGatewayWithMock((upstreamUrl) => `
model_list:
  - model_name: azure-gpt
    litellm_params: { model: azure/my-gpt4o-deployment, api_base: ${upstreamUrl}, api_version: "2024-10-21", tenant_id: ${TENANT}, client_id: ${CLIENT}, client_secret: ${SECRET} }
  - model_name: azure-gpt-mini
    litellm_params: { model: azure/my-mini-deployment, api_base: ${upstreamUrl}, api_version: "2024-10-21", tenant_id: ${TENANT}, client_id: ${CLIENT}, client_secret: ${SECRET} }
  - model_name: azure-wrong-secret
    litellm_params: { model: azure/my-gpt4o-deployment, api_base: ${upstreamUrl}, api_version: "2024-10-21", tenant_id: ${TENANT}, client_id: ${CLIENT}, client_secret: not-the-secret }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`, () => ({ AZURE_AUTHORITY_HOST: tokenServerUrl, AZURE_API_KEY: 'an-env-key-that-must-not-win' }));

  const openai = () => new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${setup.harness.gateway.url}/v1`, maxRetries: 0 });

  test('the gateway signs in with the client credentials grant and sends the token as the bearer, once for all requests', async () => {
    setup.upstream.script(undefined);
    await Promise.all([
      openai().chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'hi' }] }),
      openai().chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'hi' }] }),
    ]);
    const stream = await openai().chat.completions.create({ model: 'azure-gpt-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    for await (const _chunk of stream) { /* drain */ }

    const signIns = tokenRequests.filter((request) => request.form.get('client_secret') === SECRET);
    assert.equal(signIns.length, 1, 'one sign-in shared by concurrent requests and by deployments of the same app');
    const [signIn] = signIns;
    assert.equal(signIn?.path, `/${TENANT}/oauth2/v2.0/token`);
    assert.equal(signIn?.form.get('grant_type'), 'client_credentials');
    assert.equal(signIn?.form.get('client_id'), CLIENT);
    assert.equal(signIn?.form.get('scope'), 'https://cognitiveservices.azure.com/.default');

    assert.equal(setup.upstream.requests.length, 3);
    for (const sent of setup.upstream.requests) {
      assert.equal(sent.headers.authorization, `Bearer ${ACCESS_TOKEN}`);
      assert.equal(sent.headers['api-key'], undefined, 'AZURE_API_KEY is not taken for an entry that signs in');
    }
  });

  test('an upstream that echoes the fetched token has it hidden from the client and the request log, as a key would be', async () => {
    setup.upstream.script((incoming) => ({ kind: 'json', status: 401, body: { error: { code: '401', message: `Access denied: token ${String(incoming.headers.authorization)} lacks the Cognitive Services OpenAI User role.` } } }));
    const error = await openai().chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'hi' }] }).then(
      () => assert.fail('expected an error'),
      (caught: unknown) => caught as InstanceType<typeof OpenAI.APIError>,
    );
    setup.upstream.script(undefined);
    assert.match(error.message, /Access denied: token Bearer \S+ lacks the Cognitive Services OpenAI User role/);
    assert.doesNotMatch(error.message, /signed-in-token-planted/);
    const logged = setup.harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];
    assert.ok(logged?.errorMessage?.includes('lacks the Cognitive Services OpenAI User role'), logged?.errorMessage ?? 'no error recorded');
    assert.doesNotMatch(logged.errorMessage ?? '', /signed-in-token-planted/);
  });

  test('a refused sign-in is a 502 naming Entra\'s reason and the fields to check, never the secret', async () => {
    const error = await openai().chat.completions.create({ model: 'azure-wrong-secret', messages: [{ role: 'user', content: 'hi' }] }).then(
      () => assert.fail('expected an error'),
      (caught: unknown) => caught as InstanceType<typeof OpenAI.APIError>,
    );
    assert.equal(error.status, 502);
    assert.match(error.message, /Microsoft Entra ID refused to sign in client 8c7a5e0c-3b7d-4a43-9f29-0123456789ab of tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 \(HTTP 401\): AADSTS7000215: Invalid client secret provided\./);
    assert.match(error.message, /tenant_id, client_id and client_secret/);
    assert.doesNotMatch(error.message, /Trace ID|not-the-secret/);
  });
});

describe('enable_azure_ad_token_refresh with AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_TENANT_ID', () => {
  const setup = useGatewayWithMock((upstreamUrl) => `
model_list:
  - model_name: azure-gpt
    litellm_params: { model: azure/env-app-deployment, api_base: ${upstreamUrl}, api_version: "2024-10-21" }
litellm_settings: { enable_azure_ad_token_refresh: true }
general_settings: { master_key: ${TEST_MASTER_KEY} }
`, () => ({ AZURE_AUTHORITY_HOST: tokenServerUrl, AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: SECRET }));

  test('an entry with no key signs in as the app the variables name', async () => {
    const before = tokenRequests.length;
    await new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${setup.harness.gateway.url}/v1`, maxRetries: 0 }).chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(tokenRequests.length, before + 1);
    assert.equal(tokenRequests.at(-1)?.path, `/${TENANT}/oauth2/v2.0/token`);
    assert.equal(setup.upstream.requests.at(-1)?.headers.authorization, `Bearer ${ACCESS_TOKEN}`);
  });
});

describe('enable_azure_ad_token_refresh through the Azure CLI', () => {
  const CLI_TOKEN = 'eyJ0eXAiOiJKV1Qi.az-cli-token-planted.0123456789';
  let binDirectory = '';
  before(async () => {
    binDirectory = await mkdtemp(join(tmpdir(), 'gatehouse-az-'));
    // Prints what `az account get-access-token -o json` prints, and keeps its arguments.
    await writeFile(join(binDirectory, 'az'), `#!/bin/sh
echo "$@" >> "${binDirectory}/calls"
echo '{"accessToken": "${CLI_TOKEN}", "expiresOn": "2099-01-01 00:00:00.000000", "expires_on": 4070908800, "subscription": "s", "tenant": "t", "tokenType": "Bearer"}'
`);
    await chmod(join(binDirectory, 'az'), 0o755);
  });
  after(() => rm(binDirectory, { recursive: true, force: true }));

  const setup = useGatewayWithMock((upstreamUrl) => `
model_list:
  - model_name: azure-gpt
    litellm_params: { model: azure/cli-deployment, api_base: ${upstreamUrl}, api_version: "2024-10-21", tenant_id: contoso.onmicrosoft.com }
litellm_settings: { enable_azure_ad_token_refresh: true }
general_settings: { master_key: ${TEST_MASTER_KEY} }
`, () => ({ PATH: `${binDirectory}:${process.env.PATH ?? ''}` }));

  test("the developer's az login signs the requests in, asked once, in the entry's tenant", { skip: process.platform === 'win32' ? 'a POSIX shell stands in for az' : false }, async () => {
    const client = new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${setup.harness.gateway.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'hi' }] });
    await client.chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'again' }] });
    const calls = (await readFile(join(binDirectory, 'calls'), 'utf8')).trim().split('\n');
    assert.deepEqual(calls, ['account get-access-token --resource https://cognitiveservices.azure.com --output json --tenant contoso.onmicrosoft.com']);
    for (const sent of setup.upstream.requests) assert.equal(sent.headers.authorization, `Bearer ${CLI_TOKEN}`);
  });
});
