import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cancellation } from '../../../gateway/proxy/cancellation.ts';
import { startTestGateway, twoProtocolConfig, TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { waitFor } from '../../helpers/gateway-requests.ts';
import { anthropicTextStream, openaiTextStream } from '../../helpers/mock-upstream.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';

const setup = useGatewayWithMock();

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

// Both client protocols, each to a same-protocol and a translated upstream, streaming or not:
// the upstream hangs (or stalls after its first events) so only the client leaving ends it.
for (const protocol of ['anthropic', 'openai'] as const) {
  for (const model of ['claude-mock', 'gpt-mock']) {
    for (const stream of [false, true]) {
      test(`${protocol} client → ${model}, ${stream ? 'mid-stream' : 'not streaming'}: leaving closes the upstream request`, async () => {
        setup.upstream.script((request) => (!stream ? { kind: 'hang' } : {
          kind: 'sse',
          frames: request.path.startsWith('/v1/messages') ? anthropicTextStream('never finished') : openaiTextStream('never finished'),
          stallAfter: 2,
        }));
        const client = new AbortController();
        try {
          const response = fetch(`${setup.harness.gateway.url}${protocol === 'anthropic' ? '/v1/messages' : '/v1/chat/completions'}`, {
            method: 'POST',
            signal: client.signal,
            headers: protocol === 'anthropic'
              ? { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }
              : { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify({ model, max_tokens: 8, stream, messages: [{ role: 'user', content: 'hi' }] }),
          });
          if (stream) {
            // The first translated or relayed bytes have reached the client: the stream is under way.
            const reader = (await response).body!.getReader();
            assert.ok((await reader.read()).value);
          } else {
            response.catch(() => undefined);
            await waitFor('the upstream to receive the request', () => setup.upstream.openRequests() === 1);
          }
          assert.equal(setup.upstream.openRequests(), 1);
          client.abort();
          await waitFor('the upstream request to close', () => setup.upstream.openRequests() === 0, 5000);
        } finally {
          setup.upstream.script(undefined);
        }
      });
    }
  }
}
