/**
 * A gateway whose environment names a proxy (HTTPS_PROXY and friends, as on a corporate network)
 * reaches cloud upstreams through it and Ollama on this machine directly, driven by the real
 * Anthropic and OpenAI clients.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startHttpProxy, type HttpProxy } from '../../helpers/http-proxy.ts';
import { startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

let upstream: MockUpstream;
let proxy: HttpProxy;
let harness: TestGateway;
let anthropic: Anthropic;
let openai: OpenAI;

before(async () => {
  upstream = await startMockUpstream();
  proxy = await startHttpProxy(new URL(upstream.url));
  // The cloud deployment's host exists only behind the proxy; the local one is the mock on 127.0.0.1.
  harness = await startTestGateway(`
model_list:
  - model_name: claude-cloud
    litellm_params: { model: anthropic/claude-upstream, api_base: http://api.behind-proxy.test, api_key: sk-ant-planted-secret-0123456789 }
  # Its own timeout gives it its own connections to the proxy.
  - model_name: claude-cloud-fresh
    litellm_params: { model: anthropic/claude-upstream, api_base: http://api.behind-proxy.test, api_key: sk-ant-planted-secret-0123456789, timeout: 30 }
  - model_name: gpt-local
    litellm_params: { model: openai/gpt-upstream, api_base: ${upstream.url}/v1, api_key: sk-openai-planted-secret-0123456789 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`, { HTTP_PROXY: proxy.url.replace('http://', 'http://alice:s3cret@'), NO_PROXY: 'example.org' });
  anthropic = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
  openai = new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${harness.gateway.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await harness.stop();
  await proxy.close();
  await upstream.close();
});

test('an http upstream is reached through the proxy as a forwarded request (not a tunnel), with the credentials of the proxy URL', async () => {
  proxy.refuseWith(undefined);
  const message = await anthropic.messages.create({ model: 'claude-cloud', max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal((message.content[0] as { text: string }).text, 'Hello from the Anthropic mock');
  // Squid and most corporate proxies refuse CONNECT to ports other than 443; curl and Node forward http:// instead.
  const proxied = proxy.requests.at(-1);
  assert.deepEqual([proxied?.method, proxied?.target], ['POST', 'api.behind-proxy.test:80']);
  assert.equal(proxied?.authorization, `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
  assert.equal(upstream.requests.at(-1)?.headers.host, 'api.behind-proxy.test');
});

test('an upstream on this machine is reached directly, though NO_PROXY does not name it', async () => {
  proxy.refuseWith(undefined);
  const proxiedBefore = proxy.requests.length;
  const completion = await openai.chat.completions.create({ model: 'gpt-local', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(completion.choices[0]?.message.role, 'assistant');
  assert.equal(proxy.requests.length, proxiedBefore);
});

test('a proxy that wants other credentials is a 502 that names the proxy (not the password) and says what to do', async () => {
  proxy.refuseWith(407);
  const error = await anthropic.messages.create({ model: 'claude-cloud-fresh', max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] }).then(() => undefined, (caught: unknown) => caught);
  assert.ok(error instanceof Anthropic.APIError, String(error));
  assert.equal(error.status, 502);
  assert.match(error.message, /through the proxy http:\/\/\*\*\*@127\.0\.0\.1:\d+\/ \(HTTP_PROXY\)/);
  assert.match(error.message, /the proxy answered 407: it wants credentials/);
  assert.doesNotMatch(error.message, /s3cret/);
});
