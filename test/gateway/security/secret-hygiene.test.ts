/**
 * Plants a provider key, the gateway key and the admin token, drives traffic including upstream
 * errors that echo the provider key, then reads every output channel the gateway has: its log,
 * the SQLite files, /metrics, every admin GET, the live event stream and each client-visible body.
 * None may contain a planted secret.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { adminEndpoints } from '../../../gateway/admin/contract.ts';
import { anthropicTextStream, startMockUpstream, type MockReply, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, twoProtocolConfig, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';
import { PLANTED_SECRETS } from '../admin/admin-fixture.ts';

const [ANTHROPIC_KEY, OPENAI_KEY] = PLANTED_SECRETS as [string, string, string];
const echo = (message: string) => ({ error: { type: 'authentication_error', message } });

/** Upstream error answers that repeat the key they were sent, the way real providers' 401s sometimes do. */
const ECHOING_ERRORS: MockReply[] = [
  { kind: 'json', status: 401, body: echo(`invalid x-api-key: ${ANTHROPIC_KEY}`) },
  { kind: 'json', status: 500, body: echo(`internal error while checking ${OPENAI_KEY} and ${ANTHROPIC_KEY}`) },
  { kind: 'json', status: 429, body: `rate limited for key ${ANTHROPIC_KEY}`, headers: { 'retry-after': '1', 'x-echo-key': ANTHROPIC_KEY } },
  { kind: 'json', status: 400, body: { error: { message: `bad request`, detail: { key: ANTHROPIC_KEY } } } },
  { kind: 'reset' },
];

/** Echoes inside a 200: a body that is not JSON, and an error event in the middle of a stream. */
const IN_BAND_ECHOES: MockReply[] = [
  { kind: 'json', status: 200, body: `{"broken json with ${ANTHROPIC_KEY}` },
  { kind: 'sse', frames: [anthropicTextStream('hi')[0]!, `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message: `stream failed for ${ANTHROPIC_KEY}` } })}\n\n`] },
];

interface Sent {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const ANTHROPIC_CLIENT = { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
const OPENAI_CLIENT = { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' };

/** Each echoing reply is met by Anthropic and OpenAI clients, streamed and not, on both groups (so translated too). */
function trafficFor(): Sent[] {
  const sent: Sent[] = [];
  for (const model of ['claude-mock', 'gpt-mock']) {
    for (const stream of [false, true]) {
      const messages = [{ role: 'user', content: 'hi' }];
      sent.push({ path: '/v1/messages', headers: ANTHROPIC_CLIENT, body: { model, max_tokens: 16, stream, messages } });
      sent.push({ path: '/v1/chat/completions', headers: OPENAI_CLIENT, body: { model, stream, messages } });
    }
  }
  sent.push({ path: '/v1/messages/count_tokens', headers: ANTHROPIC_CLIENT, body: { model: 'claude-mock', messages: [{ role: 'user', content: 'hi' }] } });
  return sent;
}

function assertClean(channel: string, text: string | Buffer, secrets: readonly string[]): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), `${channel} contains the planted secret ${secret.slice(0, 6)}…`);
}

function describeHygiene(title: string, replies: readonly MockReply[]): void {
  describe(title, () => {
    let upstream: MockUpstream;
    let harness: TestGateway;
    let adminToken: string;
    let secrets: string[];
    const clientBodies: { what: string; text: string; headers: string }[] = [];
    const eventFrames: string[] = [];
    const events = new AbortController();

    before(async () => {
      upstream = await startMockUpstream();
      // Without cooldowns every echoing reply reaches every path instead of the first failure closing the group.
      harness = await startTestGateway(twoProtocolConfig(upstream.url).replace('router_settings: { num_retries: 0 }', 'router_settings: { num_retries: 0, disable_cooldowns: true }'));
      adminToken = harness.gateway.adminToken;
      secrets = [...PLANTED_SECRETS, adminToken];
      const stream = await fetch(`${harness.gateway.url}/admin/events`, { headers: { authorization: `Bearer ${adminToken}` }, signal: events.signal });
      void (async () => {
        const decoder = new TextDecoder();
        try {
          for await (const chunk of stream.body!) eventFrames.push(decoder.decode(chunk as Uint8Array));
        } catch {
          // aborted at the end of the test
        }
      })();
      for (const reply of [undefined, ...replies]) {
        upstream.script(reply && (() => reply));
        for (const sent of trafficFor()) {
          const response = await fetch(`${harness.gateway.url}${sent.path}`, { method: 'POST', headers: sent.headers, body: JSON.stringify(sent.body) });
          clientBodies.push({ what: `${reply?.kind ?? 'ok'} ${'status' in (reply ?? {}) ? (reply as { status: number }).status : ''} → ${sent.path} ${String(sent.body.model)} stream=${String(sent.body.stream)}`, text: await response.text(), headers: JSON.stringify([...response.headers]) });
        }
      }
      upstream.script(undefined);
      // Wrong keys and a wrong admin token: their refusals must not confirm or repeat the real ones.
      clientBodies.push({ what: 'wrong gateway key', text: await (await fetch(`${harness.gateway.url}/v1/models`, { headers: { 'x-api-key': `${TEST_MASTER_KEY}-wrong` } })).text(), headers: '' });
      clientBodies.push({ what: 'wrong admin token', text: await (await fetch(`${harness.gateway.url}/admin/status`, { headers: { authorization: `Bearer ${adminToken}x` } })).text(), headers: '' });
    });
    after(async () => {
      events.abort();
      await harness.stop();
      await upstream.close();
    });

    test('the traffic really carried the secrets (the test would catch a leak)', () => {
      assert.ok(upstream.requests.some((request) => JSON.stringify(request.headers).includes(ANTHROPIC_KEY)));
      assert.equal(clientBodies.length, (replies.length + 1) * trafficFor().length + 2);
    });

    test('client-visible bodies and headers', () => {
      for (const body of clientBodies) assertClean(`the reply to ${body.what}`, body.text + body.headers, secrets);
    });

    test('every admin GET, including each log record and the CSV', async () => {
      const admin = async (adminPath: string) => {
        const response = await fetch(`${harness.gateway.url}${adminPath}`, { headers: { authorization: `Bearer ${adminToken}` } });
        return { status: response.status, text: await response.text(), headers: JSON.stringify([...response.headers]) };
      };
      const logs = await admin('/admin/logs?limit=500');
      assert.equal(logs.status, 200);
      const records = (JSON.parse(logs.text) as { items: { id: string }[] }).items;
      assert.ok(records.length > 20, `only ${records.length} records`);
      const paths: string[] = Object.values(adminEndpoints)
        .filter((endpoint) => endpoint.method === 'GET' && endpoint.path !== '/admin/events' && !endpoint.path.includes(':'))
        .map((endpoint) => endpoint.path);
      for (const record of records) paths.push(`/admin/logs/${encodeURIComponent(record.id)}`);
      for (const adminPath of paths) {
        const reply = await admin(adminPath);
        assertClean(`GET ${adminPath} (${reply.status})`, reply.text + reply.headers, secrets);
      }
    });

    test('/metrics', async () => {
      assertClean('/metrics', await (await fetch(`${harness.gateway.url}/metrics`)).text(), secrets);
    });

    test('the live event stream', () => {
      assert.ok(eventFrames.join('').includes('request.'), 'the stream carried request events');
      assertClean('/admin/events', eventFrames.join(''), secrets);
    });

    test('the gateway log', () => {
      assertClean('the gateway log', harness.logs.join('\n'), secrets);
    });

    test('the SQLite files, byte for byte', async () => {
      // Closing flushes the queued records and checkpoints the WAL; read the files after that and before too.
      const files = ['gatehouse.db', 'gatehouse.db-wal', 'gatehouse.db-shm'].map((name) => path.join(harness.dataDir, name));
      const read = () => files.filter((file) => existsSync(file)).map((file) => [file, readFileSync(file)] as const);
      const live = read();
      assert.ok(live.length > 0);
      for (const [file, bytes] of live) assertClean(path.basename(file), bytes, secrets);
      await harness.gateway.close({ graceMs: 500 });
      for (const [file, bytes] of read()) assertClean(`${path.basename(file)} after close`, bytes, secrets);
    });
  });
}

describeHygiene('planted secrets never reach an output channel, even when an upstream error echoes the key', ECHOING_ERRORS);
describeHygiene('planted secrets echoed inside a 200 (non-JSON body, mid-stream error event)', IN_BAND_ECHOES);
