import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { postToUpstream, UpstreamPools } from '../../../gateway/providers/upstream-pools.ts';
import { GatewayError } from '../../../gateway/errors/index.ts';
import { startHttpProxy } from '../../helpers/http-proxy.ts';
import { startSocks5Proxy, type Socks5Proxy } from '../../helpers/socks5-proxy.ts';

let server: http.Server;
let proxy: Socks5Proxy;
const stalled = new Set<http.ServerResponse>();

before(async () => {
  // Answers /ok at once; never answers /stall, as an upstream that hangs before its headers.
  server = http.createServer((request, response) => {
    if (request.url === '/ok') response.end('ok');
    else stalled.add(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy = await startSocks5Proxy(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
});

after(async () => {
  for (const response of stalled) response.destroy();
  await proxy.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const call = (pools: UpstreamPools, path: string) => postToUpstream({
  pools,
  target: { origin: 'http://api.behind-socks.test', path },
  headers: { 'content-type': 'application/json' },
  body: '{}',
  timeouts: { headersMs: 300, bodyIdleMs: 300 },
  signal: new AbortController().signal,
  label: 'The mock upstream',
});

test('through a SOCKS5 proxy, an upstream is reached by its name', async () => {
  const pools = new UpstreamPools({ ALL_PROXY: proxy.url });
  try {
    const response = await call(pools, '/ok');
    assert.equal(response.status, 200);
    assert.equal(await text(response.body), 'ok');
    assert.equal(proxy.targets.at(-1), 'api.behind-socks.test:80');
  } finally {
    await pools.close();
  }
});

test('through a SOCKS5 proxy, the deployment\'s timeout still holds (undici\'s SOCKS agent makes its pools without it)', async () => {
  const pools = new UpstreamPools({ ALL_PROXY: proxy.url });
  const started = performance.now();
  try {
    const outcome = await Promise.race([
      call(pools, '/stall').then(() => 'answered', (error: unknown) => error),
      new Promise((resolve) => setTimeout(resolve, 5_000, 'still waiting after 5 s')),
    ]);
    assert.ok(GatewayError.isInstance(outcome), String(outcome));
    assert.equal(outcome.type, 'provider_timeout');
    assert.ok(performance.now() - started < 3_000);
  } finally {
    for (const response of stalled) response.destroy();
    await pools.close();
  }
});

/** What a POST to an https upstream behind the pools' proxy fails with (undefined if it does not). */
const failureOfHttpsCall = (pools: UpstreamPools) => postToUpstream({
  pools,
  target: { origin: 'https://api.behind-proxy.test', path: '/ok' },
  headers: {},
  body: '{}',
  timeouts: { headersMs: 2000, bodyIdleMs: 2000 },
  signal: new AbortController().signal,
  label: 'Anthropic at https://api.behind-proxy.test',
}).then(() => undefined, (error: unknown) => error);

test('an https upstream is tunnelled through an http proxy (CONNECT), and a refused tunnel is a 502 that says why, not a cancelled request', async () => {
  const httpProxy = await startHttpProxy(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  httpProxy.refuseWith(407);
  const pools = new UpstreamPools({ HTTPS_PROXY: httpProxy.url });
  try {
    const failure = await failureOfHttpsCall(pools);
    assert.ok(GatewayError.isInstance(failure), String(failure));
    assert.equal(failure.status, 502);
    assert.match(failure.message, /through the proxy http:\/\/127\.0\.0\.1:\d+\/ \(HTTPS_PROXY\): the proxy answered 407: it wants credentials/);
    assert.deepEqual(httpProxy.requests.map((request) => [request.method, request.target]), [['CONNECT', 'api.behind-proxy.test:443']]);
  } finally {
    await pools.close();
    await httpProxy.close();
  }
});

test('a proxy that is not running is named as the one refusing, not the upstream', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const pools = new UpstreamPools({ HTTPS_PROXY: `http://127.0.0.1:${port}` });
  try {
    const failure = await failureOfHttpsCall(pools);
    assert.ok(GatewayError.isInstance(failure), String(failure));
    assert.equal(failure.status, 502);
    assert.equal(failure.message, `Could not reach the proxy http://127.0.0.1:${port}/ (HTTPS_PROXY) on the way to Anthropic at https://api.behind-proxy.test: it refused the connection (is it running?). Fix HTTPS_PROXY, or add the upstream's host to NO_PROXY to connect directly.`);
  } finally {
    await pools.close();
  }
});
