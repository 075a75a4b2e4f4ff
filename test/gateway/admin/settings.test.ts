import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { settingsResponseSchema } from '../../../gateway/admin/contract.ts';
import { environmentKeySource } from '../../../gateway/admin/settings.ts';
import { startTestGateway, TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';


/** The provider keys /admin/settings lists for a gateway started with this config and environment. */
async function settingsProviders(config: string, env: NodeJS.ProcessEnv, host: Parameters<typeof startTestGateway>[2] = {}) {
  const gateway = await startTestGateway(config, env, host);
  try {
    const response = await fetch(`${gateway.gateway.url}/admin/settings`, { headers: { authorization: `Bearer ${gateway.gateway.adminToken}` } });
    return settingsResponseSchema.parse(await response.json()).providers;
  } finally {
    await gateway.stop();
  }
}

test('a key is from the keychain when the desktop app put it in the environment, else from the environment, else none', () => {
  const env = { ANTHROPIC_API_KEY: 'sk-ant-from-keychain', OPENAI_API_KEY: 'sk-openai-from-shell', DEEPSEEK_API_KEY: '' };
  const keychain = new Set(['ANTHROPIC_API_KEY', 'DEEPSEEK_API_KEY']);
  assert.equal(environmentKeySource('ANTHROPIC_API_KEY', env, keychain), 'keychain');
  assert.equal(environmentKeySource('OPENAI_API_KEY', env, keychain), 'env');
  assert.equal(environmentKeySource('DEEPSEEK_API_KEY', env, keychain), 'none');
  assert.equal(environmentKeySource('OPENROUTER_API_KEY', env, keychain), 'none');
});

test('a key the config\'s environment_variables sets is the config\'s; one it references is the referenced variable\'s', () => {
  const env = { SHELL_OPENAI_KEY: 'sk-openai-shell', STORED: 'sk-stored' };
  const keychain = new Set(['STORED']);
  const configVariables = { ANTHROPIC_API_KEY: 'sk-ant-literal', OPENAI_API_KEY: 'os.environ/SHELL_OPENAI_KEY', OPENROUTER_API_KEY: 'os.environ/STORED', DEEPSEEK_API_KEY: 'os.environ/UNSET' };
  assert.equal(environmentKeySource('ANTHROPIC_API_KEY', env, keychain, configVariables), 'config');
  assert.equal(environmentKeySource('OPENAI_API_KEY', env, keychain, configVariables), 'env');
  assert.equal(environmentKeySource('OPENROUTER_API_KEY', env, keychain, configVariables), 'keychain');
  assert.equal(environmentKeySource('DEEPSEEK_API_KEY', env, keychain, configVariables), 'none', 'an unset reference is skipped, as LiteLLM skips it');
});

test('/admin/settings names the keychain, the environment and the config file as each provider key\'s source', async () => {
  // What the desktop app does: the stored Anthropic key exported into the env the gateway reads.
  const env = { ANTHROPIC_API_KEY: 'sk-ant-keychain-0123456789', OPENAI_API_KEY: 'sk-openai-shell-0123456789', OPENROUTER_API_KEY: 'sk-or-keychain-0123456789' };
  const keychain = new Set(['ANTHROPIC_API_KEY', 'OPENROUTER_API_KEY']);
  const config = `
model_list:
  - model_name: claude
    litellm_params: { model: anthropic/claude-sonnet-4-5, api_base: http://127.0.0.1:9, api_key: os.environ/ANTHROPIC_API_KEY }
  - model_name: gpt
    litellm_params: { model: openai/gpt-4o, api_base: http://127.0.0.1:9/v1, api_key: os.environ/OPENAI_API_KEY }
  - model_name: deepseek
    litellm_params: { model: deepseek/deepseek-chat, api_base: http://127.0.0.1:9, api_key: sk-deepseek-written-0123456789 }
  - model_name: mistral
    litellm_params: { model: openai/mistral-large, api_base: http://127.0.0.1:9/v1, api_key: os.environ/MISTRAL_API_KEY }
    model_info: { route: mistral }
environment_variables: { MISTRAL_API_KEY: sk-mistral-in-config-0123456789 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
`;
  const providers = await settingsProviders(config, env, { keychainVariables: () => keychain });
  const sources = Object.fromEntries(providers.map((provider) => [provider.name, provider.source]));
  assert.deepEqual(sources, { anthropic: 'keychain', openai: 'env', deepseek: 'config', mistral: 'config', openrouter: 'keychain' });
});

test('/admin/settings names the variable a deployment without api_key takes its key from', async () => {
  const config = `
model_list:
  - model_name: llama
    litellm_params: { model: groq/llama-3.3-70b-versatile }
general_settings: { master_key: ${TEST_MASTER_KEY} }
`;
  const groq = (await settingsProviders(config, { GROQ_API_KEY: 'gsk-from-shell-0123456789' })).find((provider) => provider.name === 'groq');
  assert.deepEqual({ envVar: groq?.envVar, source: groq?.source }, { envVar: 'GROQ_API_KEY', source: 'env' });
});

test('/admin/settings reads the key an included file writes as that file\'s, not the environment\'s', async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-include-'));
  writeFileSync(path.join(folder, 'models.yaml'), `
model_list:
  - model_name: gpt
    litellm_params: { model: openai/gpt-4o, api_key: sk-openai-written-in-include-0123456789 }
`);
  const config = `
include: [${JSON.stringify(path.join(folder, 'models.yaml'))}]
general_settings: { master_key: ${TEST_MASTER_KEY} }
`;
  try {
    const openai = (await settingsProviders(config, { OPENAI_API_KEY: 'sk-openai-shell-0123456789' })).find((provider) => provider.name === 'openai');
    assert.equal(openai?.source, 'config');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('/admin/settings gives the port the gateway listens on beside the saved one, which --port overrides', async () => {
  const gateway = await startTestGateway(`general_settings: { master_key: ${TEST_MASTER_KEY} }\ngatehouse: { server: { port: 4747 } }\n`);
  try {
    const response = await fetch(`${gateway.gateway.url}/admin/settings`, { headers: { authorization: `Bearer ${gateway.gateway.adminToken}` } });
    const settings = settingsResponseSchema.parse(await response.json());
    assert.equal(settings.port, 4747);
    assert.equal(settings.listeningPort, gateway.gateway.port);
    assert.notEqual(settings.listeningPort, 4747);
  } finally {
    await gateway.stop();
  }
});
