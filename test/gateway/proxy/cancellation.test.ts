import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cancellation } from '../../../gateway/proxy/cancellation.ts';
import { startTestGateway, twoProtocolConfig, TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { waitFor } from '../../helpers/gateway-requests.ts';

test('a cancellation fires its abort listeners once and keeps the reason', () => {
  const cancellation = new Cancellation();
  let fired = 0;
  cancellation.on('abort', () => (fired += 1));
  assert.equal(cancellation.aborted, false);
  cancellation.abort('client left');
  cancellation.abort('again');
  assert.equal(fired, 1);
  assert.equal(cancellation.aborted, true);
  assert.equal(cancellation.reason, 'client left');
});

test('a client that leaves before the upstream answers closes the upstream request too', async () => {
  let upstreamClosed = false;
  let upstreamReceived = false;
  const upstream = createServer((request) => {
    upstreamReceived = true;
    request.resume();
    request.socket.on('close', () => (upstreamClosed = true));
    // Never answers: only a cancellation from the gateway ends this request.
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const harness = await startTestGateway(twoProtocolConfig(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`));
  const client = new AbortController();
  try {
    const pending = fetch(`${harness.gateway.url}/v1/messages`, {
      method: 'POST',
      signal: client.signal,
      headers: { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-mock', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
    }).catch((error: unknown) => error);
    await waitFor('the upstream to receive the request', () => upstreamReceived);
    client.abort();
    await pending;
    await waitFor('the upstream connection to close', () => upstreamClosed, 5000);
  } finally {
    await harness.stop();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  }
});
