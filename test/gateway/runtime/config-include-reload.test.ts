import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestGateway, twoProtocolConfig } from '../../helpers/start-test-gateway.ts';
import { waitFor } from '../../helpers/gateway-requests.ts';

const included = (upstreamUrl: string, groups: string[]) => `model_list:\n${groups.map((group) => `  - model_name: ${group}
    litellm_params: { model: openai/gpt-upstream, api_base: ${upstreamUrl}/v1 }
`).join('')}`;

test('an edit to an included file, in another folder than the config, is applied like an edit to the config itself', async () => {
  const upstreamUrl = 'http://127.0.0.1:9';
  const folder = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-included-'));
  const models = path.join(folder, 'models.yaml');
  writeFileSync(models, included(upstreamUrl, ['gpt-included']));
  const harness = await startTestGateway(twoProtocolConfig(upstreamUrl, `include: [${models}]\n`));
  const groups = () => harness.gateway.runtime.config.model_list.map((entry) => entry.model_name);
  try {
    assert.deepEqual(groups(), ['claude-mock', 'gpt-mock', 'gpt-included']);
    writeFileSync(models, included(upstreamUrl, ['gpt-included', 'gpt-added-later']));
    await waitFor('the reload of the included file', () => groups().includes('gpt-added-later'));
    assert.equal(harness.gateway.runtime.lastReload.ok, true);
  } finally {
    await harness.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
