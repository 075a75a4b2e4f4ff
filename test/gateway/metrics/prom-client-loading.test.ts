import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { postChat } from '../../helpers/gateway-requests.ts';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';

const setup = useGatewayWithMock();
const promClientLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('/node_modules/prom-client/'));

test('prom-client is loaded by the first /metrics scrape, not by startup or proxied requests', async () => {
  assert.equal((await postChat(setup.harness.gateway.url, 'openai', { model: 'gpt-mock' })).status, 200);
  assert.equal(promClientLoaded(), false);
  const scrape = await fetch(`${setup.harness.gateway.url}/metrics`, { headers: { authorization: `Bearer ${TEST_MASTER_KEY}` } });
  assert.equal(scrape.status, 200);
  assert.match(scrape.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const body = await scrape.text();
  assert.match(body, /gatehouse_requests_total\{route="openai",group="gpt-mock",deployment="openai-mock",status="200",error_type="none"\} 1/);
  assert.match(body, /gatehouse_process_resident_memory_bytes \d+/);
  assert.equal(promClientLoaded(), true);
});
