/**
 * The watched config file is saved half-edited (invalid YAML) while the gateway runs: the old
 * config keeps serving, readiness and a config.reloaded event say what is wrong and where, and
 * saving a fixed file applies it without a restart.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { AdminEvent } from '../../../gateway/admin/contract.ts';
import { startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, twoProtocolConfig, type TestGateway } from '../../helpers/start-test-gateway.ts';
import { postChat, readiness, waitFor } from '../../helpers/gateway-requests.ts';

let upstream: MockUpstream;
let harness: TestGateway;
const reloads: Extract<AdminEvent, { type: 'config.reloaded' }>[] = [];

before(async () => {
  upstream = await startMockUpstream();
  harness = await startTestGateway(twoProtocolConfig(upstream.url));
  harness.gateway.runtime.events.subscribe((event) => {
    if (event.type === 'config.reloaded') reloads.push(event);
  });
});

after(async () => {
  await harness.stop();
  await upstream.close();
});

const newGroupConfig = () => twoProtocolConfig(upstream.url).replace('model_list:\n', `model_list:
  - model_name: gpt-added-later
    litellm_params: { model: openai/gpt-upstream, api_base: ${upstream.url}/v1 }
    model_info: { id: openai-added-later }
`);

test('invalid YAML keeps the old config serving and reports the error; the fixed file applies without a restart', async () => {
  // A save in the middle of an edit: the new group's flow mapping is not closed.
  writeFileSync(harness.configPath, newGroupConfig().replace('model_info: { id: openai-added-later }', 'model_info: { id: openai-added-later'));
  await waitFor('the rejected reload', () => reloads.length > 0);
  const rejected = reloads.at(-1)!;
  assert.equal(rejected.applied, false);
  assert.ok(rejected.errors.length > 0);
  assert.match(rejected.errors[0]!.path, /^line \d+$/, 'the event says where in the file the error is');

  const report = await readiness(harness.gateway.url);
  assert.equal(report.status, 503);
  assert.equal(report.body.checks.config?.ok, false);
  const detail = report.body.checks.config?.detail ?? '';
  assert.ok(detail.includes(harness.configPath), `readiness names the file: ${detail}`);
  assert.match(detail, /kept the previous config/);
  assert.match(detail, /line \d+: /);
  assert.ok(harness.logs.some((line) => line.includes(harness.configPath) && line.includes('keeping the previous config')));

  const old = await postChat(harness.gateway.url, 'openai', { model: 'gpt-mock' });
  assert.equal(old.status, 200, 'the old config still serves');
  const notYet = await postChat(harness.gateway.url, 'openai', { model: 'gpt-added-later' });
  assert.notEqual(notYet.status, 200, 'nothing from the invalid file was applied');

  writeFileSync(harness.configPath, newGroupConfig());
  await waitFor('the applied reload', () => reloads.at(-1)?.applied === true);
  assert.deepEqual(reloads.at(-1)!.errors, []);
  const ready = await readiness(harness.gateway.url);
  assert.equal(ready.status, 200);
  assert.equal(ready.body.checks.config?.detail, 'ok');
  const added = await postChat(harness.gateway.url, 'openai', { model: 'gpt-added-later' });
  assert.equal(added.status, 200, `the new group serves without a restart: ${added.text}`);
  assert.match(added.text, /Hello from the OpenAI mock/);
});
