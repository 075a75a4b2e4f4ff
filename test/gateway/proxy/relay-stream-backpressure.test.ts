import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestGateway, twoProtocolConfig, TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { waitFor } from '../../helpers/gateway-requests.ts';

const FRAME = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'x'.repeat(4000) }, finish_reason: null }] })}\n\n`;
const TOTAL_BYTES = 48 * 1024 * 1024;

test('a client that stops reading makes the gateway stop reading the upstream (no unbounded buffering)', async () => {
  let written = 0;
  let finished = false;
  const upstream = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const pump = () => {
      while (written < TOTAL_BYTES) {
        written += FRAME.length;
        if (!response.write(FRAME)) return void response.once('drain', pump);
      }
      response.end('data: [DONE]\n\n');
      finished = true;
    };
    pump();
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const harness = await startTestGateway(twoProtocolConfig(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`));
  const gateway = new URL(harness.gateway.url);
  let reply: IncomingMessage | undefined;
  try {
    const body = JSON.stringify({ model: 'gpt-mock', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
    reply = await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = httpRequest({ host: gateway.hostname, port: gateway.port, method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' } }, resolve);
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    assert.equal(reply.statusCode, 200);
    reply.pause();
    await waitFor('the upstream to start streaming', () => written > 0);
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(finished, false, `the upstream wrote all ${TOTAL_BYTES} bytes while the client read nothing`);
    assert.ok(written < TOTAL_BYTES / 2, `${written} bytes left the upstream while the client was paused`);
    // Reading again lets everything through.
    let received = 0;
    reply.on('data', (chunk: Buffer) => (received += chunk.length));
    reply.resume();
    await new Promise((resolve) => reply!.once('end', resolve));
    assert.equal(finished, true);
    assert.ok(received >= TOTAL_BYTES, `${received} bytes reached the client`);
  } finally {
    reply?.destroy();
    await harness.stop();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  }
});
