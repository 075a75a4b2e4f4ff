import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
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

test('a config file that is not valid YAML is shown without the keys in its flow mappings and Authorization headers', async () => {
  const fixture = await startAdminFixture();
  try {
    // Keys no scrubber knows (not in the running config) and no key shape catches.
    writeFileSync(fixture.test.configPath, `model_list:
  - model_name: gemini
    litellm_params: { model: gemini/gemini-2.5-pro, api_key: AIzaSyD-not-yet-loaded-0123456789 }
  - model_name: groq
    litellm_params: {model: groq/llama, "api_key": "gsk_not_yet_loaded_0123456789", rpm: 5}
  - model_name: self-hosted
    litellm_params:
      model: openai/llama
      extra_headers:
        Authorization: Bearer not-yet-loaded-bearer-0123456789
      api_key: os.environ/SELF_HOSTED_KEY
  broken: [unclosed
`);
    const { yaml } = configResponseSchema.parse((await fixture.admin('/admin/config')).body);
    for (const secret of ['AIzaSyD-not-yet-loaded', 'gsk_not_yet_loaded', 'not-yet-loaded-bearer']) assert.ok(!yaml.includes(secret), `${secret} shown in ${yaml}`);
    assert.match(yaml, /api_key: os\.environ\/SELF_HOSTED_KEY/);
    assert.match(yaml, /model: gemini\/gemini-2\.5-pro/);
  } finally {
    await fixture.stop();
  }
});
