/**
 * Connection limits against a real gateway, over raw sockets so the test controls every byte:
 * header size, body size (declared and streamed), concurrent connections, slow-loris headers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { HTTP_LIMITS } from '../../../gateway/server/create-http-server.ts';
import { startTestGateway, twoProtocolConfig, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';
import { startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { rawRequest } from '../../helpers/raw-http-request.ts';

const MAX_BODY_MB = 0.01;
const MAX_BODY_BYTES = Math.floor(MAX_BODY_MB * 1024 * 1024);

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes the connection (or `timeoutMs` passes), and when it closed. */
function readUntilClosed(socket: Socket, timeoutMs: number): Promise<{ text: string; closed: boolean; afterMs: number }> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString('utf8'), closed, afterMs: Date.now() - startedAt });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset is a close too: the server may drop a refused connection before the client finishes writing.
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
  });
}

const requestHead = (port: number, extra: string) => `POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-api-key: ${TEST_MASTER_KEY}\r\nanthropic-version: 2023-06-01\r\ncontent-type: application/json\r\n${extra}`;

describe('connection limits', () => {
  let upstream: MockUpstream;
  let harness: TestGateway;
  let port: number;
  before(async () => {
    upstream = await startMockUpstream();
    harness = await startTestGateway(twoProtocolConfig(upstream.url, `gatehouse:\n  server:\n    max_connections: 3\n`).replace('general_settings: {', `general_settings: { max_request_size_mb: ${MAX_BODY_MB},`));
    port = harness.gateway.port;
  });
  after(async () => {
    await harness.stop();
    await upstream.close();
  });

  test('headers beyond 64 KiB are refused with 431', async () => {
    const socket = await openSocket(port);
    socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-padding: ${'a'.repeat(HTTP_LIMITS.maxHeaderSize + 1024)}\r\n\r\n`);
    const reply = await readUntilClosed(socket, 5000);
    assert.match(reply.text, /^HTTP\/1\.1 431 /);
    assert.equal(reply.closed, true);
  });

  test('a declared body over the limit gets 413 at once, without the gateway waiting for it', async () => {
    const socket = await openSocket(port);
    socket.write(requestHead(port, `content-length: ${MAX_BODY_BYTES * 2}\r\n\r\n`));
    const reply = await readUntilClosed(socket, 5000);
    assert.match(reply.text, /^HTTP\/1\.1 413 /);
    assert.match(reply.text, /"type":"request_too_large"/);
    assert.match(reply.text, /larger than 10 KiB/);
    socket.destroy();
  });

  test('a chunked body that grows past the limit gets 413 and the connection is closed', async () => {
    const socket = await openSocket(port);
    const chunk = 'x'.repeat(MAX_BODY_BYTES + 1);
    socket.write(requestHead(port, `transfer-encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n`));
    const reply = await readUntilClosed(socket, 5000);
    assert.match(reply.text, /^HTTP\/1\.1 413 /);
    assert.match(reply.text, /connection: close/i);
    assert.equal(reply.closed, true);
  });

  test('past max_connections a new connection is dropped; the gateway serves again once they close', async () => {
    const held = await Promise.all([openSocket(port), openSocket(port), openSocket(port)]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const extra = await openSocket(port);
    extra.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    const dropped = await readUntilClosed(extra, 5000);
    assert.equal(dropped.closed, true);
    assert.equal(dropped.text, '');
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await rawRequest(harness.gateway.url, { path: '/health' })).status, 200);
  });

  test('a slow-loris client trickling headers is cut off after headersTimeout while others are served', { timeout: 40_000 }, async () => {
    const socket = await openSocket(port);
    socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write('x-slow: 1\r\n');
    }, 1000);
    const closing = readUntilClosed(socket, HTTP_LIMITS.headersTimeout + HTTP_LIMITS.connectionsCheckingInterval + 5000);
    assert.equal((await rawRequest(harness.gateway.url, { path: '/health' })).status, 200);
    const reply = await closing;
    clearInterval(trickle);
    assert.equal(reply.closed, true, 'the gateway must close a connection that never finishes its headers');
    assert.ok(reply.afterMs >= HTTP_LIMITS.headersTimeout - 1000, `closed after ${reply.afterMs} ms`);
    assert.match(reply.text, /^(HTTP\/1\.1 408 |$)/);
    assert.equal((await rawRequest(harness.gateway.url, { path: '/health' })).status, 200);
  });
});
