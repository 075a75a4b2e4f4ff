import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../../../gateway/cli/check-config.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-check-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// The vendors' keys are set, as on a machine set up for them, unless a test says otherwise.
async function checkConfig(file: string, env: NodeJS.ProcessEnv = { OPENAI_API_KEY: 'sk-openai-test', ANTHROPIC_API_KEY: 'sk-ant-test' }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const code = await run(['--config', file], { stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}

test('check-config reports a problem in an included file with that file and its YAML path', async () => {
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, 'include: [models.yaml]\nmodel_list:\n  - model_name: a\n    litellm_params: { model: openai/x }\n');
  writeFileSync(path.join(dir, 'models.yaml'), 'model_list:\n  - model_name: b\n    litellm_params: { model: llama3 }\n');
  const failed = await checkConfig(config);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /1 error:\n {2}models\.yaml: model_list\[0\]\.litellm_params\.model: must be "provider\/model"/);

  writeFileSync(path.join(dir, 'models.yaml'), 'model_list:\n  - model_name: b\n    litellm_params: { model: openai/gpt-4 }\n');
  const passed = await checkConfig(config);
  assert.equal(passed.code, 0, passed.stderr);
  assert.equal(passed.stdout, `${config}: OK (2 deployments, with 1 included file)\n`);
});

test('check-config reports a search_context_cost_per_query that is not a mapping of sizes with its YAML path', async () => {
  const config = path.join(dir, 'search-price.yaml');
  writeFileSync(config, 'model_list:\n  - model_name: sonnet\n    litellm_params: { model: anthropic/claude-sonnet-4-5, search_context_cost_per_query: 0.01 }\n');
  const failed = await checkConfig(config);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /model_list\[0\]\.litellm_params\.search_context_cost_per_query: must be a mapping of search_context_size_low, _medium and _high/);

  writeFileSync(config, 'model_list:\n  - model_name: sonnet\n    litellm_params: { model: anthropic/claude-sonnet-4-5, search_context_cost_per_query: { search_context_size_medium: "0.01" } }\n');
  const passed = await checkConfig(config);
  assert.equal(passed.code, 0, passed.stderr);
  assert.equal(passed.stdout, `${config}: OK (1 deployments)\n`);
});

test('check-config warns about a cloud vendor\'s entry that has no key, in the file or in the environment', async () => {
  const config = path.join(dir, 'keyless.yaml');
  writeFileSync(config, 'model_list:\n  - model_name: a\n    litellm_params: { model: anthropic/claude-sonnet-4-5 }\n');
  const checked = await checkConfig(config, {});
  assert.equal(checked.code, 0, 'the rest of the config still loads');
  assert.match(checked.stdout, /Warnings:\n {2}model_list\[0\]\.litellm_params\.api_key: not set, and neither is ANTHROPIC_API_KEY/);
  assert.doesNotMatch((await checkConfig(config, { ANTHROPIC_API_KEY: 'sk-ant-test' })).stdout, /Warnings/);
});

test('check-config fails on entries the gateway would skip, naming the included file and YAML path of each', async () => {
  const config = path.join(dir, 'skipped.yaml');
  writeFileSync(config, [
    'include: [skipped-models.yaml]',
    'model_list:',
    '  - model_name: sonnet',
    '    litellm_params: { model: anthropic/claude-sonnet-4-5 }',
    '    model_info: { id: sonnet-main }',
    '  - model_name: sonnet',
    '    litellm_params: { model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0 }',
    '',
  ].join('\n'));
  writeFileSync(path.join(dir, 'skipped-models.yaml'), 'model_list:\n  - model_name: sonnet\n    litellm_params: { model: openai/gpt-4.1 }\n    model_info: { id: sonnet-main }\n');
  const failed = await checkConfig(config);
  assert.equal(failed.code, 1);
  assert.equal(failed.stdout, '');
  assert.match(failed.stderr, /2 errors:\n {2}model_list\[1\]\.litellm_params\.model: the "sonnet" entry is skipped: "bedrock\/" needs AWS SigV4 request signing.*CLAUDE_CODE_USE_BEDROCK=1/);
  assert.match(failed.stderr, /\n {2}skipped-models\.yaml: model_list\[0\]\.model_info\.id: the "sonnet" entry is skipped: model_info\.id "sonnet-main" is already the id of an earlier entry/);
});
