import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configResponseSchema } from '../../../gateway/admin/contract.ts';
import { startAdminFixture } from './admin-fixture.ts';

test('saving the redacted config puts each key back on its own entry when two entries share a group and model', async () => {
  const fixture = await startAdminFixture();
  try {
    // LiteLLM's load balancing: one group, one model, two keys, no ids.
    const balanced = (first: string, second: string) => `
model_list:
  - model_name: claude-mock
    litellm_params: { model: anthropic/claude-upstream, api_base: ${fixture.upstream.url}, api_key: ${first} }
  - model_name: claude-mock
    litellm_params: { model: anthropic/claude-upstream, api_base: ${fixture.upstream.url}, api_key: ${second} }
`;
    const saved = await fixture.admin('/admin/config', { method: 'PUT', json: { yaml: balanced('sk-first-account-key-0123456789', 'sk-second-account-key-0123456789') } });
    assert.equal((saved.body as { saved: boolean }).saved, true);
    const { yaml } = configResponseSchema.parse((await fixture.admin('/admin/config')).body);
    const resaved = await fixture.admin('/admin/config', { method: 'PUT', json: { yaml } });
    assert.deepEqual(resaved.body, { saved: true, errors: [], warnings: [] });
    const onDisk = parse(readFileSync(fixture.test.configPath, 'utf8')) as { model_list: { litellm_params: { api_key: string } }[] };
    assert.deepEqual(onDisk.model_list.map((entry) => entry.litellm_params.api_key), ['sk-first-account-key-0123456789', 'sk-second-account-key-0123456789']);
  } finally {
    await fixture.stop();
  }
});
