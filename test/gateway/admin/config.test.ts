import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configResponseSchema, configUpdateResponseSchema, REDACTED_PLACEHOLDER, statusResponseSchema } from '../../../gateway/admin/contract.ts';
import { startAdminFixture } from './admin-fixture.ts';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';

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
    assert.deepEqual(resaved.body, { saved: true, errors: [], warnings: [], problems: [] });
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

test('credentials inside URLs are masked, the rest of each URL stays readable, and saving the redacted text restores them', async () => {
  const fixture = await startAdminFixture();
  try {
    const upstream = new URL(fixture.upstream.url);
    const withUserinfo = `http://gate-user:userinfo-pass-0123456789@${upstream.host}/v1?api-key=query-key-0123456789&api-version=2024-06-01`;
    const withToken = `http://userinfo-token-0123456789@${upstream.host}`;
    const config = `
model_list:
  - model_name: claude-mock
    litellm_params: { model: anthropic/claude-upstream, api_base: "${withToken}", api_key: sk-ant-planted-secret-0123456789 }
  - model_name: gpt-mock
    litellm_params:
      model: openai/gpt-upstream
      api_base: ${withUserinfo}
      api_key: sk-openai-planted-secret-0123456789
  - model_name: keyed
    litellm_params: { model: openai/gpt-upstream, api_base: "http://${upstream.host}/v1?key=plain-query-key-0123456789" }
general_settings: { master_key: ${TEST_MASTER_KEY}, database_url: "postgres://db-user:db-pass-0123456789@db.internal:5432/gatehouse" }
`;
    const saved = await fixture.admin('/admin/config', { method: 'PUT', json: { yaml: config } });
    assert.equal((saved.body as { saved: boolean }).saved, true, JSON.stringify(saved.body));
    const onDisk = readFileSync(fixture.test.configPath, 'utf8');
    const { yaml } = configResponseSchema.parse((await fixture.admin('/admin/config')).body);
    for (const secret of ['userinfo-pass', 'query-key', 'userinfo-token', 'plain-query-key', 'db-pass']) assert.ok(!yaml.includes(secret), `${secret} shown in ${yaml}`);
    assert.ok(yaml.includes(`http://gate-user:${REDACTED_PLACEHOLDER}@${upstream.host}/v1?api-key=${REDACTED_PLACEHOLDER}&api-version=2024-06-01`), yaml);
    assert.ok(yaml.includes(`"http://${REDACTED_PLACEHOLDER}@${upstream.host}"`), yaml);
    assert.ok(yaml.includes(`postgres://db-user:${REDACTED_PLACEHOLDER}@db.internal:5432/gatehouse`), yaml);

    const resaved = await fixture.admin('/admin/config', { method: 'PUT', json: { yaml } });
    assert.equal((resaved.body as { saved: boolean }).saved, true, JSON.stringify(resaved.body));
    assert.deepEqual(parse(readFileSync(fixture.test.configPath, 'utf8')), parse(onDisk));

    // A URL edited around its placeholder is not given the old credentials: they may not belong to the new host.
    const restored = readFileSync(fixture.test.configPath, 'utf8');
    const moved = await fixture.admin('/admin/config', { method: 'PUT', json: { yaml: yaml.replace(`gate-user:${REDACTED_PLACEHOLDER}@${upstream.host}`, `gate-user:${REDACTED_PLACEHOLDER}@elsewhere.example`) } });
    assert.equal((moved.body as { saved: boolean }).saved, false);
    assert.match(JSON.stringify(moved.body), /model_list\[1\]\.litellm_params\.api_base/);
    assert.equal(readFileSync(fixture.test.configPath, 'utf8'), restored);
  } finally {
    await fixture.stop();
  }
});

test('a config file that is not valid YAML is shown without the credentials in its URLs', async () => {
  const fixture = await startAdminFixture();
  try {
    writeFileSync(fixture.test.configPath, `model_list:
  - model_name: azure
    litellm_params: { model: azure/gpt, api_base: "https://user:broken-file-pass-0123@example.openai.azure.com/?api-key=broken-file-key-0123" }
  broken: [unclosed
`);
    const { yaml } = configResponseSchema.parse((await fixture.admin('/admin/config')).body);
    for (const secret of ['broken-file-pass', 'broken-file-key']) assert.ok(!yaml.includes(secret), `${secret} shown in ${yaml}`);
    assert.ok(yaml.includes(`https://user:${REDACTED_PLACEHOLDER}@example.openai.azure.com/?api-key=${REDACTED_PLACEHOLDER}`), yaml);
  } finally {
    await fixture.stop();
  }
});

test('a config with an entry that cannot load still saves; the answer, the status and the log name the entry, and a dry run does too', async () => {
  const fixture = await startAdminFixture();
  try {
    const { yaml } = configResponseSchema.parse((await fixture.admin('/admin/config')).body);
    const withBedrock = yaml.replace('model_list:', 'model_list:\n  - model_name: claude-mock\n    litellm_params: { model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0, api_base: https://bedrock.example }');
    const expected = [{ path: 'model_list[0].litellm_params.model', message: 'the "claude-mock" entry is skipped: "bedrock/" needs AWS SigV4 request signing, which Gatehouse does not do; let Claude Code use Bedrock itself (CLAUDE_CODE_USE_BEDROCK=1), use anthropic/ with an Anthropic API key, or put LiteLLM in front and point an openai/ deployment at it' }];

    const checked = configUpdateResponseSchema.parse((await fixture.admin('/admin/config', { method: 'PUT', json: { yaml: withBedrock, dryRun: true } })).body);
    assert.deepEqual([checked.saved, checked.errors, checked.problems], [false, [], expected]);
    assert.deepEqual(statusResponseSchema.parse((await fixture.admin('/admin/status')).body).configProblems, [], 'a dry run changes nothing');

    const saved = configUpdateResponseSchema.parse((await fixture.admin('/admin/config', { method: 'PUT', json: { yaml: withBedrock } })).body);
    assert.deepEqual([saved.saved, saved.errors, saved.problems], [true, [], expected]);
    assert.deepEqual(statusResponseSchema.parse((await fixture.admin('/admin/status')).body).configProblems, expected);
    assert.ok(fixture.test.logs.includes(`config: ${expected[0]!.path}: ${expected[0]!.message}`), fixture.test.logs.join('\n'));
    assert.equal((await fixture.proxyMessage('claude-mock')).status, 200, 'the rest of the group still serves');

    const restored = configUpdateResponseSchema.parse((await fixture.admin('/admin/config', { method: 'PUT', json: { yaml } })).body);
    assert.deepEqual(restored.problems, []);
    assert.deepEqual(statusResponseSchema.parse((await fixture.admin('/admin/status')).body).configProblems, []);
  } finally {
    await fixture.stop();
  }
});

test("an azure/ entry's Entra ID token is masked like a key, and saving the redacted config keeps it", async () => {
  const fixture = await startAdminFixture();
  try {
    const token = 'eyJ0eXAiOiJKV1Qi.entra-token-on-disk.0123456789';
    const saved = await fixture.admin('/admin/config', { method: 'PUT', json: { yaml: `
model_list:
  - model_name: azure-gpt
    litellm_params: { model: azure/my-gpt4o-deployment, api_base: ${fixture.upstream.url}, azure_ad_token: ${token} }
` } });
    assert.equal((saved.body as { saved: boolean }).saved, true);
    const { yaml } = configResponseSchema.parse((await fixture.admin('/admin/config')).body);
    assert.ok(!yaml.includes('entra-token-on-disk'), yaml);
    assert.ok(yaml.includes(`azure_ad_token: "${REDACTED_PLACEHOLDER}"`), yaml);
    assert.deepEqual((await fixture.admin('/admin/config', { method: 'PUT', json: { yaml } })).body, { saved: true, errors: [], warnings: [], problems: [] });
    assert.ok(readFileSync(fixture.test.configPath, 'utf8').includes(token));
  } finally {
    await fixture.stop();
  }
});
