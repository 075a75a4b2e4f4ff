import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { rawRequest } from '../../helpers/raw-http-request.ts';

const setup = useGatewayWithMock();

const post = (path: string) => rawRequest(setup.harness.gateway.url, {
  method: 'POST',
  path,
  headers: { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'claude-mock', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
});

test('request targets route as URL parsing reads them: query strings, no /v1 prefix, dot segments, trailing slash', async () => {
  for (const path of ['/v1/messages', '/v1/messages?beta=true', '/messages', '/v1/messages/', '/v1/./messages', '/v1/x/../messages', '/v1/%2e/messages']) {
    const reply = await post(path);
    assert.equal(reply.status, 200, `${path}: ${reply.text}`);
    assert.match(reply.text, /Hello from the Anthropic mock/);
  }
});

test('look-alike targets are not the proxy route', async () => {
  for (const path of ['/v1/messagesx', '/v1/messages/extra', '/v2/messages']) {
    const reply = await post(path);
    assert.equal(reply.status, 404, `${path}: ${reply.text}`);
  }
});
