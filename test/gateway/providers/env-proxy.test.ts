import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noProxyCovers, upstreamProxyFor } from '../../../gateway/providers/env-proxy.ts';

test('NO_PROXY matching follows the common forms', () => {
  assert.equal(noProxyCovers('*', '127.0.0.1', '4747'), true);
  assert.equal(noProxyCovers('localhost, 127.0.0.1', '127.0.0.1', '4747'), true);
  assert.equal(noProxyCovers('127.0.0.1:4747', '127.0.0.1', '4747'), true);
  assert.equal(noProxyCovers('127.0.0.1:9999', '127.0.0.1', '4747'), false);
  assert.equal(noProxyCovers('10.0.0.0/8,.corp', '127.0.0.1', '4747'), false);
  assert.equal(noProxyCovers('.example.com', 'gate.example.com', '443'), true);
  assert.equal(noProxyCovers('[::1]', '[::1]', '4747'), true);
  assert.equal(noProxyCovers('localhost', '127.0.0.1', '4747'), false);
});

test('NO_PROXY matches IPv6 addresses and ranges however they are written, as curl does', () => {
  assert.equal(noProxyCovers('fd00::/8', '[fd12:3456::7]', '8000'), true);
  assert.equal(noProxyCovers('fd00::/8', '[fe80::1]', '8000'), false);
  assert.equal(noProxyCovers('0:0:0:0:0:0:0:1', '[::1]', '11434'), true);
  assert.equal(noProxyCovers('[2001:db8::/32]', '[2001:db8:1::5]', '443'), true);
  assert.equal(noProxyCovers('::ffff:10.0.0.0/104', '[::ffff:10.1.2.3]', '80'), true);
  // An IPv4 range never covers an IPv6 host, and a malformed range covers nothing.
  assert.equal(noProxyCovers('10.0.0.0/8', '[::ffff:10.1.2.3]', '80'), false);
  assert.equal(noProxyCovers('10.0.0.0/40,10.0.0.0/x', '10.1.2.3', '80'), false);
  assert.equal(noProxyCovers('10.0.0.0/8', '10.1.2.3', '80'), true);
  assert.equal(noProxyCovers('10.1.2.3', '10.1.2.3', '80'), true);
});

test('an https upstream goes through https_proxy, else HTTPS_PROXY, else ALL_PROXY; an http one through HTTP_PROXY', () => {
  assert.equal(upstreamProxyFor('https://api.anthropic.com', { HTTPS_PROXY: 'http://proxy.corp:3128' })?.url, 'http://proxy.corp:3128/');
  assert.equal(upstreamProxyFor('https://api.anthropic.com', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })?.variable, 'https_proxy');
  assert.equal(upstreamProxyFor('https://api.anthropic.com', { ALL_PROXY: 'socks5://proxy.corp:1080' })?.url, 'socks5://proxy.corp:1080');
  assert.equal(upstreamProxyFor('https://api.anthropic.com', { HTTP_PROXY: 'http://proxy.corp:3128' }), undefined);
  assert.equal(upstreamProxyFor('http://vllm.lab:8000', { HTTP_PROXY: 'http://proxy.corp:3128' })?.variable, 'HTTP_PROXY');
  assert.equal(upstreamProxyFor('https://api.openai.com', {}), undefined);
  assert.equal(upstreamProxyFor('https://api.openai.com', { HTTPS_PROXY: '  ' }), undefined);
});

test('a proxy given without a scheme is http, as curl reads it; credentials are kept for the proxy and hidden in messages', () => {
  const proxy = upstreamProxyFor('https://openrouter.ai', { HTTPS_PROXY: 'alice:s3cret@proxy.corp:3128' });
  assert.equal(proxy?.url, 'http://alice:s3cret@proxy.corp:3128/');
  assert.equal(proxy?.display, 'http://***@proxy.corp:3128/');
});

test('NO_PROXY exempts an upstream, and loopback is always direct', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://proxy.corp:3128', NO_PROXY: '.internal.corp,10.0.0.0/8' };
  assert.equal(upstreamProxyFor('https://llm.internal.corp', env), undefined);
  assert.equal(upstreamProxyFor('http://10.1.2.3:8000', env), undefined);
  assert.equal(upstreamProxyFor('https://api.anthropic.com', env)?.variable, 'HTTPS_PROXY');
  // Ollama on this machine: a proxy elsewhere cannot reach it, whatever NO_PROXY forgot.
  for (const origin of ['http://127.0.0.1:11434', 'http://localhost:11434', 'http://[::1]:11434', 'http://127.0.1.1:1234']) {
    assert.equal(upstreamProxyFor(origin, { HTTP_PROXY: 'http://proxy.corp:3128' }), undefined, origin);
  }
});

test('a proxy variable that is not a proxy URL is an error naming the variable, without its credentials', () => {
  assert.throws(() => upstreamProxyFor('https://api.anthropic.com', { HTTPS_PROXY: 'ftp://bob:pw@proxy.corp:21' }), (error: Error) => {
    assert.match(error.message, /HTTPS_PROXY=ftp:\/\/\*\*\*@proxy\.corp:21 is not a proxy URL/);
    assert.match(error.message, /NO_PROXY/);
    assert.doesNotMatch(error.message, /pw/);
    return true;
  });
  // Written without a scheme, as curl allows, and not a URL at all: the password still stays out.
  assert.throws(() => upstreamProxyFor('https://api.anthropic.com', { HTTPS_PROXY: 'bob:hunter2@proxy corp:3128' }), (error: Error) => {
    assert.match(error.message, /HTTPS_PROXY=\*\*\*@proxy corp:3128 is not a proxy URL/);
    assert.doesNotMatch(error.message, /hunter2/);
    return true;
  });
});
