import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOllamaHost } from '../../../gateway/local/ollama/ollama-host.ts';
import { candidateBinaryPaths, findOllamaBinary, parseOllamaVersionOutput } from '../../../gateway/local/ollama/locate-ollama.ts';
import { installHint } from '../../../gateway/local/ollama/ollama-errors.ts';
import { backoffDelayMs, serverEnvironment } from '../../../gateway/local/ollama/ollama-supervisor.ts';
import { deploymentFromModel } from '../../../gateway/local/ollama/deployment-from-model.ts';
import { deploymentSchema } from '../../../gateway/config/schema.ts';

test('OLLAMA_HOST follows Ollama\'s own parsing rules', () => {
  const cases: Array<[string | undefined, string, string]> = [
    [undefined, 'http://127.0.0.1:11434', '127.0.0.1:11434'],
    ['', 'http://127.0.0.1:11434', '127.0.0.1:11434'],
    ['0.0.0.0', 'http://127.0.0.1:11434', '0.0.0.0:11434'],
    ['0.0.0.0:8080', 'http://127.0.0.1:8080', '0.0.0.0:8080'],
    [':11500', 'http://127.0.0.1:11500', '127.0.0.1:11500'],
    ['http://gpu-box.lan', 'http://gpu-box.lan:80', 'gpu-box.lan:80'],
    ['https://ollama.example.com', 'https://ollama.example.com:443', 'ollama.example.com:443'],
    ['http://127.0.0.1:11435/', 'http://127.0.0.1:11435', '127.0.0.1:11435'],
    ['[::1]:11434', 'http://[::1]:11434', '[::1]:11434'],
    ['localhost:99999', 'http://127.0.0.1:11434', '127.0.0.1:11434'],
    // Ollama strips quotes that a .env file or a service definition left in the value.
    ['"0.0.0.0"', 'http://127.0.0.1:11434', '0.0.0.0:11434'],
    ["'http://gpu-box.lan:11500' ", 'http://gpu-box.lan:11500', 'gpu-box.lan:11500'],
  ];
  for (const [value, baseUrl, bindAddress] of cases) assert.deepEqual({ ...parseOllamaHost(value), local: undefined }, { baseUrl, bindAddress, local: undefined }, String(value));
});

test('OLLAMA_HOST is this machine for loopback, wildcard and unset hosts, and another one otherwise', () => {
  const local = [undefined, '', '0.0.0.0', '[::]:11434', '127.0.0.1', '127.1.2.3:8080', 'localhost', 'http://LOCALHOST:11434', 'ollama.localhost', '[::1]:11434', ':11500'];
  const remote = ['gpu-box.lan', 'http://192.168.1.20:11434', 'https://ollama.example.com', '10.0.0.5', '[fe80::1]:11434', '127.example.com'];
  for (const value of local) assert.equal(parseOllamaHost(value).local, true, String(value));
  for (const value of remote) assert.equal(parseOllamaHost(value).local, false, value);
});

test('candidate binaries: PATH first, then each OS\'s install locations', () => {
  const mac = candidateBinaryPaths({ platform: 'darwin', env: { PATH: '/usr/bin:/bin' }, homeDir: '/Users/ada', isExecutable: () => false });
  assert.deepEqual(mac, ['/usr/bin/ollama', '/bin/ollama', '/Applications/Ollama.app/Contents/Resources/ollama', '/Users/ada/Applications/Ollama.app/Contents/Resources/ollama', '/usr/local/bin/ollama', '/opt/homebrew/bin/ollama']);
  const windows = candidateBinaryPaths({ platform: 'win32', env: { Path: 'C:\\Windows', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, homeDir: 'C:\\Users\\ada', isExecutable: () => false });
  assert.deepEqual(windows, ['C:\\Windows\\ollama.exe', 'C:\\Users\\ada\\AppData\\Local\\Programs\\Ollama\\ollama.exe', 'C:\\Program Files\\Ollama\\ollama.exe']);
  const linux = candidateBinaryPaths({ platform: 'linux', env: { PATH: '/usr/local/bin:/home/ada/bin' }, homeDir: '/home/ada', isExecutable: () => false });
  assert.deepEqual(linux, ['/usr/local/bin/ollama', '/home/ada/bin/ollama', '/usr/bin/ollama']);
});

test('the first executable candidate wins; none means not installed', () => {
  const probes = { platform: 'darwin' as const, env: { PATH: '/usr/bin' }, homeDir: '/Users/ada' };
  assert.equal(findOllamaBinary({ ...probes, isExecutable: (file) => file.startsWith('/Applications/') }), '/Applications/Ollama.app/Contents/Resources/ollama');
  assert.equal(findOllamaBinary({ ...probes, isExecutable: () => false }), null);
});

test('ollama --version output, with and without a server answering', () => {
  assert.equal(parseOllamaVersionOutput('ollama version is 0.12.3\n'), '0.12.3');
  assert.equal(parseOllamaVersionOutput('Warning: could not connect to a running Ollama instance\nWarning: client version is 0.13.0-rc1\n'), '0.13.0-rc1');
  assert.equal(parseOllamaVersionOutput('command not found'), null);
});

test('install advice names the right installer per OS', () => {
  assert.match(installHint('darwin'), /download\/mac/);
  assert.match(installHint('win32'), /winget install Ollama\.Ollama/);
  assert.match(installHint('linux'), /install\.sh/);
});

test('restart backoff doubles up to its cap', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelayMs(attempt, { initialMs: 1_000, maxMs: 30_000 })), [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
});

test('the child gets OLLAMA_HOST and the chosen server settings', () => {
  const env = serverEnvironment({ PATH: '/bin' }, '127.0.0.1:11500', { contextLength: 32_768, flashAttention: true, keepAlive: '30m' });
  assert.deepEqual(env, { PATH: '/bin', OLLAMA_HOST: '127.0.0.1:11500', OLLAMA_CONTEXT_LENGTH: '32768', OLLAMA_FLASH_ATTENTION: '1', OLLAMA_KEEP_ALIVE: '30m' });
});

test('a pulled model becomes a valid ollama_chat deployment on the local route', () => {
  const deployment = deploymentFromModel({ model: 'qwen3:8b', apiBase: 'http://127.0.0.1:11434', numCtx: 32_768 });
  assert.deepEqual(deployment, {
    model_name: 'qwen3:8b',
    litellm_params: { model: 'ollama_chat/qwen3:8b', api_base: 'http://127.0.0.1:11434', num_ctx: 32_768 },
    model_info: { id: 'ollama-qwen3-8b', route: 'local' },
  });
  assert.equal(deploymentSchema.safeParse(deployment).success, true);
  assert.equal(deploymentFromModel({ model: 'hf.co/org/model:Q4', apiBase: 'http://127.0.0.1:11434', numCtx: 8_192, modelName: 'coder' }).model_info?.id, 'ollama-hf.co-org-model-Q4');
});
