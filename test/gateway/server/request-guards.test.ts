/**
 * The guards in front of every route, against a real gateway: Host check (DNS rebinding), proxy
 * CORS, the limit on wrong gateway keys, and the bind-address rule.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from '../../../gateway/index.ts';
import { MAX_FAILURES_PER_WINDOW } from '../../../gateway/server/auth-failure-limiter.ts';
import { twoProtocolConfig, TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { protocolErrorOf, rawRequest } from '../../helpers/raw-http-request.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';

const ANTHROPIC_HEADERS = { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
const OPENAI_HEADERS = { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' };
const MESSAGE = JSON.stringify({ model: 'claude-mock', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
const CHAT = JSON.stringify({ model: 'gpt-mock', messages: [{ role: 'user', content: 'hi' }] });

describe('Host check (DNS rebinding)', () => {
  const setup = useGatewayWithMock();

  test('a rebound Host is refused with 403 in the client\'s protocol, before auth and routing', async () => {
    const anthropic = await rawRequest(setup.harness.gateway.url, { method: 'POST', path: '/v1/messages', headers: { ...ANTHROPIC_HEADERS, host: `evil.example:${setup.harness.gateway.port}` }, body: MESSAGE });
    assert.equal(anthropic.status, 403);
    assert.equal(protocolErrorOf(anthropic.text, 'anthropic')?.type, 'permission_error');
    assert.match(anthropic.text, /DNS rebinding/);
    const openai = await rawRequest(setup.harness.gateway.url, { method: 'POST', path: '/v1/chat/completions', headers: { ...OPENAI_HEADERS, host: `evil.example:${setup.harness.gateway.port}` }, body: CHAT });
    assert.equal(openai.status, 403);
    assert.equal(protocolErrorOf(openai.text, 'openai')?.type, 'permission_error');
    assert.equal(setup.upstream.requests.length, 0);
  });

  test('every route is covered, the cheap HEAD / and the admin API too', async () => {
    for (const [method, route] of [['HEAD', '/'], ['GET', '/'], ['GET', '/health'], ['GET', '/metrics'], ['GET', '/v1/models'], ['GET', '/admin/status'], ['GET', '/nope']]) {
      const reply = await rawRequest(setup.harness.gateway.url, { method: method!, path: route!, headers: { host: `attacker.test:${setup.harness.gateway.port}`, authorization: `Bearer ${setup.harness.gateway.adminToken}` } });
      assert.equal(reply.status, 403, `${method} ${route}`);
    }
  });

  test('loopback spellings with our port are served; another port is not', async () => {
    for (const host of [`localhost:${setup.harness.gateway.port}`, `127.0.0.1:${setup.harness.gateway.port}`, `[::1]:${setup.harness.gateway.port}`, `LocalHost:${setup.harness.gateway.port}`]) {
      assert.equal((await rawRequest(setup.harness.gateway.url, { path: '/health', headers: { host } })).status, 200, host);
    }
    assert.equal((await rawRequest(setup.harness.gateway.url, { path: '/health', headers: { host: `localhost:${setup.harness.gateway.port + 1}` } })).status, 403);
    const served = await rawRequest(setup.harness.gateway.url, { method: 'POST', path: '/v1/messages', headers: { ...ANTHROPIC_HEADERS, host: `localhost:${setup.harness.gateway.port}` }, body: MESSAGE });
    assert.equal(served.status, 200);
  });
});

describe('proxy CORS, off by default', () => {
  const setup = useGatewayWithMock();

  test('a preflight from any web page is refused, without a CORS grant', async () => {
    const preflight = await rawRequest(setup.harness.gateway.url, { method: 'OPTIONS', path: '/v1/messages', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key' } });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });

  test('a simple cross-origin POST (no preflight, the CSRF shape) is refused before it reaches a provider', async () => {
    const reply = await rawRequest(setup.harness.gateway.url, { method: 'POST', path: '/v1/messages', headers: { ...ANTHROPIC_HEADERS, 'content-type': 'text/plain', origin: 'https://evil.example' }, body: MESSAGE });
    assert.equal(reply.status, 403);
    assert.equal(protocolErrorOf(reply.text, 'anthropic')?.type, 'permission_error');
    assert.match(reply.text, /allowed_origins/);
    assert.equal(reply.headers['access-control-allow-origin'], undefined);
    assert.equal(setup.upstream.requests.length, 0);
  });

  test('clients without an Origin (SDKs, Claude Code) are unaffected and get no CORS headers', async () => {
    const reply = await rawRequest(setup.harness.gateway.url, { method: 'POST', path: '/v1/messages', headers: ANTHROPIC_HEADERS, body: MESSAGE });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['access-control-allow-origin'], undefined);
  });
});

describe('proxy CORS with allowed_origins', () => {
  const allowed = 'http://localhost:5173';
  const setup = useGatewayWithMock((upstreamUrl) => twoProtocolConfig(upstreamUrl, `gatehouse:\n  server:\n    allowed_origins: ["${allowed}"]\n`));

  test('the listed origin gets its preflight answered and an exact grant, never *', async () => {
    const preflight = await rawRequest(setup.harness.gateway.url, { method: 'OPTIONS', path: '/v1/chat/completions', headers: { origin: allowed, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], allowed);
    assert.equal(preflight.headers.vary, 'Origin');
    assert.equal(preflight.headers['access-control-allow-headers'], 'authorization, content-type');
    const reply = await rawRequest(setup.harness.gateway.url, { method: 'POST', path: '/v1/chat/completions', headers: { ...OPENAI_HEADERS, origin: allowed }, body: CHAT });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['access-control-allow-origin'], allowed);
    assert.equal(reply.headers.vary, 'Origin');
  });

  test('an unlisted origin, even a near miss, is still refused', async () => {
    for (const origin of ['http://localhost:5174', 'https://localhost:5173', 'http://localhost:5173.evil.example', 'null']) {
      const preflight = await rawRequest(setup.harness.gateway.url, { method: 'OPTIONS', path: '/v1/chat/completions', headers: { origin, 'access-control-request-method': 'POST' } });
      assert.equal(preflight.status, 403, origin);
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    }
  });
});

describe('wrong gateway keys are rate-limited per address', () => {
  const setup = useGatewayWithMock();

  test(`after ${MAX_FAILURES_PER_WINDOW} wrong keys, 429 with retry-after in protocol shape, even for the right key`, async () => {
    const missing = await rawRequest(setup.harness.gateway.url, { method: 'POST', path: '/v1/messages', headers: { 'anthropic-version': '2023-06-01' }, body: MESSAGE });
    assert.equal(missing.status, 401, 'a missing key is not a guess and does not count');
    for (let attempt = 0; attempt < MAX_FAILURES_PER_WINDOW; attempt += 1) {
      const wrong = await rawRequest(setup.harness.gateway.url, { method: 'POST', path: '/v1/messages', headers: { ...ANTHROPIC_HEADERS, 'x-api-key': `guess-${attempt}` }, body: MESSAGE });
      assert.equal(wrong.status, 401);
    }
    const limited = await rawRequest(setup.harness.gateway.url, { method: 'POST', path: '/v1/messages', headers: ANTHROPIC_HEADERS, body: MESSAGE });
    assert.equal(limited.status, 429);
    assert.equal(protocolErrorOf(limited.text, 'anthropic')?.type, 'rate_limit_error');
    assert.match(limited.text, /wrong gateway keys/);
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    const openai = await rawRequest(setup.harness.gateway.url, { path: '/v1/models', headers: OPENAI_HEADERS });
    assert.equal(openai.status, 429);
    assert.equal(protocolErrorOf(openai.text, 'openai')?.type, 'rate_limit_exceeded');
    assert.equal(setup.upstream.requests.length, 0);
  });

  test('the admin API keeps its own count: guessing gateway keys does not lock the dashboard out', async () => {
    const reply = await rawRequest(setup.harness.gateway.url, { path: '/admin/status', headers: { authorization: `Bearer ${setup.harness.gateway.adminToken}` } });
    assert.equal(reply.status, 200);
  });
});

describe('binding beyond loopback', () => {
  const dataDirs: string[] = [];
  function configDir(yaml: string): { configPath: string; dataDir: string } {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bind-'));
    dataDirs.push(dataDir);
    const configPath = path.join(dataDir, 'config.yaml');
    writeFileSync(configPath, yaml);
    return { configPath, dataDir };
  }
  after(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  test('is refused without general_settings.master_key, with a message that says what to set', async () => {
    const logs: string[] = [];
    await assert.rejects(
      startGateway({ ...configDir('model_list: []\n'), host: '0.0.0.0', port: 0, env: {}, log: (line) => logs.push(line), uiDir: undefined }),
      /Refusing to listen on 0\.0\.0\.0.*general_settings\.master_key/s,
    );
  });

  test('with a key it starts, warns, accepts this machine\'s name as Host, and refuses a reload that drops the key', async () => {
    const logs: string[] = [];
    const paths = configDir(`general_settings: { master_key: ${TEST_MASTER_KEY} }\n`);
    const gateway = await startGateway({ ...paths, host: '0.0.0.0', port: 0, env: {}, log: (line) => logs.push(line), uiDir: undefined });
    try {
      assert.ok(logs.some((line) => /WARNING: Gatehouse is listening on 0\.0\.0\.0/.test(line)));
      const base = `http://127.0.0.1:${gateway.port}`;
      assert.equal((await rawRequest(base, { path: '/health', headers: { host: `${os.hostname()}:${gateway.port}` } })).status, 200);
      assert.equal((await rawRequest(base, { path: '/health', headers: { host: `evil.example:${gateway.port}` } })).status, 403);
      writeFileSync(paths.configPath, 'model_list: []\n');
      const reload = gateway.reload();
      assert.equal(reload.ok, false);
      assert.match(reload.errors.map((issue) => issue.message).join('\n'), /required while Gatehouse listens beyond loopback/);
      assert.equal(gateway.runtime.config.general_settings.master_key, TEST_MASTER_KEY);
    } finally {
      await gateway.close({ graceMs: 500 });
    }
  });
});
