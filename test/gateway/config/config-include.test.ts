import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfigFile } from '../../../gateway/config/config-file.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes the files into a fresh folder and reads its config.yaml. */
function load(files: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-include-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, parsed: readConfigFile(path.join(dir, 'config.yaml'), env) };
}

const deployment = (name: string, model = 'openai/x') => `  - model_name: ${name}\n    litellm_params: { model: ${model} }\n`;

test('included files extend lists, replace other sections whole, and are read relative to the main file, as in LiteLLM', () => {
  const { dir, parsed } = load({
    'config.yaml': `include: [models/cloud.yaml, local.yaml]\nmodel_list:\n${deployment('main')}litellm_settings: { request_timeout: 600, drop_params: true }\n`,
    'models/cloud.yaml': `model_list:\n${deployment('cloud')}litellm_settings: { num_retries: 2 }\ninclude: [more.yaml]\n`,
    'local.yaml': `model_list:\n${deployment('local', 'ollama_chat/qwen3:8b')}\n`,
    // An included file's include list joins the main one, so this path is relative to config.yaml too.
    'more.yaml': `model_list:\n${deployment('more')}general_settings: { master_key: os.environ/KEY }\n`,
  }, { KEY: 'sk-from-env', OPENAI_API_KEY: 'sk-openai' });
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.config?.model_list.map((entry) => entry.model_name), ['main', 'cloud', 'local', 'more']);
  assert.deepEqual(parsed.config?.litellm_settings, { num_retries: 2 }, 'the included section replaced the main one');
  assert.deepEqual(parsed.warnings, [{ path: 'models/cloud.yaml: litellm_settings', message: 'replaces all of litellm_settings from the main config: included sections are not merged key by key (as in LiteLLM)' }]);
  assert.equal(parsed.config?.general_settings.master_key, 'sk-from-env');
  assert.deepEqual(parsed.includedFiles, ['models/cloud.yaml', 'local.yaml', 'more.yaml'].map((name) => path.join(dir, name)));
});

test('a problem in an included file names that file and the path within it', () => {
  const { parsed } = load({
    'config.yaml': `include: [a.yaml, b.yaml]\nmodel_list:\n${deployment('main')}`,
    'a.yaml': `model_list:\n${deployment('ok')}${deployment('bad', 'llama3')}router_settings: { routing_strategy: round-robin, redis_host: x }\n`,
    'b.yaml': 'model_list:\n  - model_name: [unclosed\n',
  });
  assert.equal(parsed.config, undefined);
  assert.deepEqual(parsed.errors.map((issue) => issue.path).sort(), ['a.yaml: model_list[1].litellm_params.model', 'a.yaml: router_settings.routing_strategy', 'b.yaml: line 3']);
  assert.deepEqual(parsed.warnings.map((issue) => issue.path), ['a.yaml: router_settings.redis_host']);
});

test('a missing file, a single path instead of a list, and a file included twice or in a cycle are errors at the include entry', () => {
  const missing = load({ 'config.yaml': 'include: [nope.yaml]\n' });
  assert.equal(missing.parsed.errors.length, 1);
  assert.equal(missing.parsed.errors[0]?.path, 'include[0]');
  assert.match(missing.parsed.errors[0]?.message ?? '', /cannot read .*nope\.yaml: there is no such file \(include paths are relative to /);
  assert.deepEqual(missing.parsed.includedFiles, [path.join(missing.dir, 'nope.yaml')], 'a watcher still follows it, to see it appear');

  const single = load({ 'config.yaml': 'include: models.yaml\n', 'models.yaml': 'model_list: []\n' });
  assert.deepEqual(single.parsed.errors.map((issue) => issue.path), ['include']);
  assert.match(single.parsed.errors[0]?.message ?? '', /must be a list of file paths/);

  const cycle = load({ 'config.yaml': 'include: [a.yaml]\n', 'a.yaml': 'include: [b.yaml]\n', 'b.yaml': 'include: [a.yaml, config.yaml]\n' });
  assert.deepEqual(cycle.parsed.errors.map((issue) => issue.path), ['b.yaml: include[0]', 'b.yaml: include[1]']);
  assert.match(cycle.parsed.errors[0]?.message ?? '', /is already part of the config; include each file once/);
});
