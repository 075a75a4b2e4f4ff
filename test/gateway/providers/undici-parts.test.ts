import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { postChat } from '../../helpers/gateway-requests.ts';

const setup = useGatewayWithMock();
const loadedFiles = () => Object.keys(createRequire(import.meta.url).cache);

test("a proxied request runs on undici's pool and request parts, without loading undici's entry point", async () => {
  const reply = await postChat(setup.harness.gateway.url, 'anthropic', { model: 'claude-mock' });
  assert.equal(reply.status, 200);
  assert.ok(loadedFiles().some((file) => file.endsWith('/node_modules/undici/lib/dispatcher/pool.js')), 'the pool is loaded');
  assert.equal(loadedFiles().some((file) => file.endsWith('/node_modules/undici/index.js')), false, "undici's entry point is not loaded");
});
