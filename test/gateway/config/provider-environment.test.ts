import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../gateway/config/parse-config.ts';

const entry = (model: string, extra = '') => `  - model_name: m\n    litellm_params: { model: ${model}${extra} }\n`;
const paramsOf = (yaml: string, env: NodeJS.ProcessEnv) => {
  const parsed = parseConfig(`model_list:\n${yaml}`, env);
  assert.deepEqual(parsed.errors, []);
  return parsed.config!.model_list.map((deployment) => deployment.litellm_params);
};

test('an entry without api_key takes its provider\'s key from the environment, as LiteLLM configs expect', () => {
  const [anthropic, openai, gemini] = paramsOf(entry('anthropic/claude-sonnet-4-5') + entry('openai/gpt-4.1') + entry('gemini/gemini-2.5-pro'), {
    ANTHROPIC_API_KEY: 'sk-ant', OPENAI_API_KEY: 'sk-oai', GOOGLE_API_KEY: 'g-key',
  });
  assert.equal(anthropic?.api_key, 'sk-ant');
  assert.equal(openai?.api_key, 'sk-oai');
  assert.equal(gemini?.api_key, 'g-key', 'the second variable LiteLLM reads, when the first is unset');
});

test('a key written in the entry wins, and an empty variable counts as unset', () => {
  const [written, empty] = paramsOf(entry('anthropic/claude-x', ', api_key: sk-written') + entry('openrouter/x', ''), {
    ANTHROPIC_API_KEY: 'sk-env', OPENROUTER_API_KEY: '', OR_API_KEY: 'sk-or',
  });
  assert.equal(written?.api_key, 'sk-written');
  assert.equal(empty?.api_key, 'sk-or');
});

test('a vendor key is sent only to the vendor: an openai/ entry pointed at another server does not get OPENAI_API_KEY', () => {
  const [elsewhere, vendor] = paramsOf(
    entry('openai/qwen3', ', api_base: "http://gpu-box.lan:8000/v1"') + entry('openai/gpt-4.1', ', api_base: "https://api.openai.com/v1/"'),
    { OPENAI_API_KEY: 'sk-oai' },
  );
  assert.equal(elsewhere?.api_key, undefined);
  assert.equal(vendor?.api_key, 'sk-oai');
});

test('a server without a fixed address takes it, and its key, from its own variables', () => {
  const [vllm, lmStudio] = paramsOf(entry('hosted_vllm/qwen3') + entry('lm_studio/qwen3', ', api_base: "http://10.0.0.5:1234/v1"'), {
    HOSTED_VLLM_API_BASE: 'http://127.0.0.1:8000/v1', HOSTED_VLLM_API_KEY: 'vllm-key', LM_STUDIO_API_BASE: 'http://ignored:1/v1', LM_STUDIO_API_KEY: 'lms-key',
  });
  assert.equal(vllm?.api_base, 'http://127.0.0.1:8000/v1');
  assert.equal(vllm?.api_key, 'vllm-key');
  assert.equal(lmStudio?.api_base, 'http://10.0.0.5:1234/v1', 'the written api_base wins');
  assert.equal(lmStudio?.api_key, 'lms-key', 'a key named for a kind of server goes wherever that server is');
});

test('an address read from a variable must be an http(s) URL, as api_base must', () => {
  const parsed = parseConfig(`model_list:\n${entry('hosted_vllm/qwen3')}`, { HOSTED_VLLM_API_BASE: 'localhost:8000' });
  assert.equal(parsed.config, undefined);
  assert.deepEqual(parsed.errors, [{
    path: 'model_list[0].litellm_params.api_base',
    message: 'not set, and HOSTED_VLLM_API_BASE (read in its place) is not an http(s) URL: "localhost:8000"',
  }]);
});

test('the config\'s environment_variables supply provider keys too, as LiteLLM puts them in the environment first', () => {
  const parsed = parseConfig(`environment_variables: { ANTHROPIC_API_KEY: sk-from-config }\nmodel_list:\n${entry('anthropic/claude-x')}`, {});
  assert.equal(parsed.config?.model_list[0]?.litellm_params.api_key, 'sk-from-config');
});

test('local servers and unknown prefixes need no key', () => {
  const [ollama, custom] = paramsOf(entry('ollama_chat/qwen3:8b') + entry('mycloud/x', ', api_base: "https://example.test/v1"'), { OPENAI_API_KEY: 'sk-oai' });
  assert.equal(ollama?.api_key, undefined);
  assert.equal(custom?.api_key, undefined);
});

test('a cloud vendor\'s entry left without a key is warned about: the vendor would refuse every request', () => {
  const parsed = parseConfig(`model_list:\n${entry('anthropic/claude-x')}${entry('openai/qwen3', ', api_base: "http://gpu-box.lan:8000/v1"')}${entry('openai/gpt-4.1', ', extra_headers: { Authorization: "Bearer sk-h" }')}${entry('groq/llama', ', api_key: os.environ/MISSING_GROQ')}`, {});
  assert.deepEqual(parsed.warnings, [{
    path: 'model_list[0].litellm_params.api_key',
    message: 'not set, and neither is ANTHROPIC_API_KEY: https://api.anthropic.com will refuse this deployment\'s requests',
  }], 'not for another server, a key in extra_headers, or a key whose variable is missing (an error already)');
  assert.deepEqual(parsed.errors.map((error) => error.path), ['model_list[3].litellm_params.api_key']);
});

test('a bare azure/ entry takes its key, address and api_version from the variables LiteLLM reads', () => {
  const [bare, written] = paramsOf(entry('azure/x') + entry('azure/y', ', api_base: "https://other.openai.azure.com", api_version: "2024-10-21"'), {
    AZURE_API_KEY: 'az-key', AZURE_API_BASE: 'https://myres.openai.azure.com', AZURE_API_VERSION: '2024-06-01',
  });
  assert.deepEqual([bare?.api_key, bare?.api_base, bare?.api_version], ['az-key', 'https://myres.openai.azure.com', '2024-06-01']);
  assert.deepEqual([written?.api_key, written?.api_base, written?.api_version], ['az-key', 'https://other.openai.azure.com', '2024-10-21'], 'what the entry writes wins; the key goes to any Azure resource');
  const [preferred] = paramsOf(entry('azure/x'), { AZURE_API_KEY: 'az-key', AZURE_OPENAI_API_KEY: 'aoai-key', AZURE_API_BASE: 'https://myres.openai.azure.com' });
  assert.equal(preferred?.api_key, 'aoai-key', 'LiteLLM reads AZURE_OPENAI_API_KEY first');
});

test('an azure/ entry that names an Entra ID token is not given a key from the environment', () => {
  const [token] = paramsOf(entry('azure/x', ', api_base: "https://myres.openai.azure.com", azure_ad_token: eyJ.token'), { AZURE_API_KEY: 'az-key' });
  assert.equal(token?.api_key, undefined);
  assert.equal(token?.azure_ad_token, 'eyJ.token');
});

test('AZURE_API_VERSION is read for azure/ entries only', () => {
  const [openai] = paramsOf(entry('openai/gpt-4.1'), { AZURE_API_VERSION: '2024-06-01' });
  assert.equal(openai?.api_version, undefined);
});

test('OPENAI_BASE_URL and OPENAI_API_BASE are not read (a tool pointed at Gatehouse sets them to the gateway itself), and an openai/ entry that LiteLLM would have sent there says where it goes', () => {
  const parsed = parseConfig(`model_list:\n${entry('openai/gpt-4.1', ', api_key: k')}${entry('openai/qwen3', ', api_key: k, api_base: "http://gpu-box:8000/v1"')}`, { OPENAI_BASE_URL: 'https://llm.corp.example/v1' });
  assert.equal(parsed.config?.model_list[0]?.litellm_params.api_base, undefined);
  assert.deepEqual(parsed.warnings, [{
    path: 'model_list[0].litellm_params.api_base',
    message: 'not set, so this entry goes to https://api.openai.com/v1: OPENAI_BASE_URL (https://llm.corp.example/v1) is not read, as LiteLLM would read it; write it here if that is where the entry should go',
  }]);
});
