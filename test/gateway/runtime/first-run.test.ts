import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from '../../../gateway/index.ts';
import { parseConfig } from '../../../gateway/config/parse-config.ts';
import { buildDeploymentTable, groupDeployments } from '../../../gateway/router/deployment-table.ts';
import { ModelResolver, upstreamModelFor } from '../../../gateway/router/resolve-model.ts';
import { createTestModel, startOllamaTestServer } from '../../helpers/ollama-test-server.ts';

test('first run with a provider key writes a working default config; with none, the log says what to do', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-first-run-'));
  const logs: string[] = [];
  // OLLAMA_HOST points at a closed port so a developer's real Ollama does not change the result.
  const env = { OPENAI_API_KEY: 'sk-test-openai-key-000000000000', OLLAMA_HOST: '127.0.0.1:9' };
  const gateway = await startGateway({ dataDir, port: 0, env, log: (line) => logs.push(line), uiDir: undefined });
  try {
    const text = readFileSync(path.join(dataDir, 'config.yaml'), 'utf8');
    assert.doesNotMatch(text, /sk-test-openai-key/, 'the key is referenced, never copied');
    assert.match(text, /os\.environ\/OPENAI_API_KEY/);
    const parsed = parseConfig(text, env);
    assert.deepEqual(parsed.errors, []);
    assert.ok(parsed.config?.general_settings.master_key?.startsWith('sk-gatehouse-'));
    assert.ok(logs.some((line) => line.startsWith('Wrote a default config')));
    assert.ok(!logs.some((line) => line.startsWith('No models are configured')));
  } finally {
    await gateway.close({ graceMs: 500 });
  }

  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-first-run-'));
  const emptyLogs: string[] = [];
  const empty = await startGateway({ dataDir: emptyDir, port: 0, env: { OLLAMA_HOST: '127.0.0.1:9' }, log: (line) => emptyLogs.push(line), uiDir: undefined });
  try {
    assert.ok(emptyLogs.some((line) => /No models are configured yet: set a provider key/.test(line)));
  } finally {
    await empty.close({ graceMs: 500 });
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  }
});

test('first run with Ollama answering at OLLAMA_HOST: a local route, and Claude Code defaults to an installed model', async () => {
  const ollama = await startOllamaTestServer({ models: [createTestModel('qwen3:8b')] });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-first-run-'));
  const env = { OLLAMA_HOST: `127.0.0.1:${ollama.port}` };
  const gateway = await startGateway({ dataDir, port: 0, env, log: () => undefined, uiDir: undefined });
  try {
    const parsed = parseConfig(readFileSync(path.join(dataDir, 'config.yaml'), 'utf8'), env);
    const local = parsed.config?.model_list.find((deployment) => deployment.model_info?.route === 'local');
    assert.equal(local?.litellm_params.model, 'ollama_chat/*');
    assert.equal(local?.litellm_params.api_base, ollama.url);
    assert.equal(parsed.config?.gatehouse.routes.local?.free, true);
    assert.equal(parsed.config?.gatehouse.claude_code.default, 'local/qwen3:8b');
  } finally {
    await gateway.close({ graceMs: 500 });
    await ollama.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('first run with every provider key: one route per key, each resolving its models to that provider, and a gateway key required', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-first-run-'));
  const env = {
    ANTHROPIC_API_KEY: 'sk-ant-test-0000000000',
    OPENAI_API_KEY: 'sk-test-openai-0000000000',
    OPENROUTER_API_KEY: 'sk-or-test-0000000000',
    DEEPSEEK_API_KEY: 'sk-deepseek-test-0000000000',
    OLLAMA_HOST: '127.0.0.1:9',
  };
  const gateway = await startGateway({ dataDir, port: 0, env, log: () => undefined, uiDir: undefined });
  try {
    const text = readFileSync(path.join(dataDir, 'config.yaml'), 'utf8');
    for (const [name, value] of Object.entries(env)) {
      if (name.endsWith('_API_KEY')) assert.doesNotMatch(text, new RegExp(value), `${name} is referenced, never copied`);
    }
    const parsed = parseConfig(text, env);
    assert.deepEqual(parsed.errors, []);
    const config = parsed.config!;
    assert.deepEqual(Object.keys(config.gatehouse.routes).sort(), ['anthropic', 'deepseek', 'openai', 'openrouter']);
    const resolver = new ModelResolver(groupDeployments(buildDeploymentTable(config).deployments), config);
    const served = (model: string) => {
      const resolved = resolver.resolve(model);
      const deployment = resolved.deployments[0]!;
      return { route: deployment.route, protocol: deployment.protocol, host: new URL(deployment.apiBase).host, upstream: upstreamModelFor(deployment, resolved.wildcardMatch), key: deployment.apiKey };
    };
    assert.deepEqual(served('claude-sonnet-4-5'), { route: 'anthropic', protocol: 'anthropic', host: 'api.anthropic.com', upstream: 'claude-sonnet-4-5', key: env.ANTHROPIC_API_KEY });
    assert.deepEqual(served('gpt-4.1'), { route: 'openai', protocol: 'openai', host: 'api.openai.com', upstream: 'gpt-4.1', key: env.OPENAI_API_KEY });
    assert.deepEqual(served('openrouter/qwen/qwen3-coder'), { route: 'openrouter', protocol: 'openai', host: 'openrouter.ai', upstream: 'qwen/qwen3-coder', key: env.OPENROUTER_API_KEY });
    assert.deepEqual(served('deepseek-chat'), { route: 'deepseek', protocol: 'openai', host: 'api.deepseek.com', upstream: 'deepseek-chat', key: env.DEEPSEEK_API_KEY });

    // The generated master key is enforced from the first request.
    const key = config.general_settings.master_key!;
    assert.match(key, /^sk-gatehouse-.{20,}/);
    assert.equal((await fetch(`${gateway.url}/v1/models`)).status, 401);
    assert.equal((await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).status, 200);
  } finally {
    await gateway.close({ graceMs: 500 });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
