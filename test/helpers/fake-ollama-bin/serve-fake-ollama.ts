/**
 * `ollama serve` for the fake binary: the test server on OLLAMA_HOST, a log line like Ollama's
 * on stderr, clean exit on SIGTERM/SIGINT, and the env knobs documented in ./ollama.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestModel, startOllamaTestServer } from '../ollama-test-server.ts';

/**
 * Ollama's rules (envconfig.Host): no scheme means http and port 11434; a scheme without a port
 * means 80/443. Only loopback is served here, so any other host binds 127.0.0.1.
 */
function parseOllamaHost(value: string | undefined): { host: string; port: number } {
  const trimmed = (value ?? '').trim();
  const [scheme, rest] = trimmed.includes('://') ? trimmed.split('://', 2) as [string, string] : ['', trimmed];
  const defaultPort = scheme === 'https' ? 443 : scheme === 'http' ? 80 : 11434;
  const match = /^(\[[^\]]*\]|[^:/]*)(?::(\d+))?/.exec(rest ?? '');
  const host = match?.[1] === '[::1]' ? '::1' : match?.[1] === 'localhost' ? 'localhost' : '127.0.0.1';
  return { host, port: match?.[2] === undefined ? defaultPort : Number(match[2]) };
}

const version = process.env.FAKE_OLLAMA_VERSION || '0.13.5';
const models = (process.env.FAKE_OLLAMA_MODELS ?? 'qwen3:8b').split(',').map((name) => name.trim()).filter((name) => name !== '').map((name) => createTestModel(name));
const { host, port } = parseOllamaHost(process.env.OLLAMA_HOST);

await sleep(Number(process.env.FAKE_OLLAMA_STARTUP_DELAY_MS ?? 0));
const server = await startOllamaTestServer({ host, port, version, models }).catch((error: NodeJS.ErrnoException) => {
  const reason = error.code === 'EADDRINUSE' ? 'bind: address already in use' : error.message;
  process.stderr.write(`Error: listen tcp ${host}:${port}: ${reason}\n`);
  process.exit(1);
});
process.stderr.write(`time=${new Date().toISOString()} level=INFO source=routes.go msg="Listening on ${host}:${server.port} (version ${version})"\n`);

const crashAfter = Number(process.env.FAKE_OLLAMA_CRASH_AFTER_MS ?? 0);
if (crashAfter > 0) {
  setTimeout(() => {
    process.stderr.write(`time=${new Date().toISOString()} level=ERROR msg="fake ollama crashing as asked (FAKE_OLLAMA_CRASH_AFTER_MS)"\n`);
    process.exit(1);
  }, crashAfter);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
