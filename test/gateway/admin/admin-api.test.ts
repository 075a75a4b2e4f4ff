import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  adminEventSchema, configResponseSchema, logDetailSchema, logsResponseSchema, REDACTED_PLACEHOLDER, routesResponseSchema,
  settingsResponseSchema, SPEND_CSV_COLUMNS, spendResponseSchema, statusResponseSchema, type AdminEvent,
} from '../../../gateway/admin/contract.ts';
import { PLANTED_SECRETS, startAdminFixture, type AdminFixture } from './admin-fixture.ts';

// Priced so that spend is not all zeros.
const PRICED = `
  - model_name: claude-priced
    litellm_params: { model: anthropic/claude-upstream, api_base: UPSTREAM, api_key: sk-ant-planted-secret-0123456789, input_cost_per_token: 0.000003, output_cost_per_token: 0.000015 }
    model_info: { id: anthropic-priced, route: anthropic }`;

describe('admin API over a real gateway', () => {
  let fixture: AdminFixture;
  before(async () => {
    fixture = await startAdminFixture();
    // Add the priced deployment through the admin API itself, pointing at the running mock.
    const config = await fixture.admin('/admin/config');
    const { yaml } = configResponseSchema.parse(config.body);
    const withPriced = yaml.replace('model_list:', `model_list:${PRICED.replace('UPSTREAM', fixture.upstream.url)}`);
    const saved = await fixture.admin('/admin/config', { method: 'PUT', json: { yaml: withPriced } });
    assert.deepEqual(saved.body, { saved: true, errors: [], warnings: [], problems: [] });
  });
  after(async () => {
    for (const body of fixture.seenBodies) for (const secret of PLANTED_SECRETS) assert.ok(!body.includes(secret), `an admin answer contained ${secret}: ${body.slice(0, 200)}`);
    await fixture.stop();
  });

  test('config: secrets redacted, and a PUT of the redacted text keeps the real ones', async () => {
    const { yaml } = configResponseSchema.parse((await fixture.admin('/admin/config')).body);
    assert.ok(yaml.includes(REDACTED_PLACEHOLDER));
    const onDisk = readFileSync(fixture.test.configPath, 'utf8');
    for (const secret of PLANTED_SECRETS) assert.ok(onDisk.includes(secret), 'the file on disk still has the real secret');
    const dryRun = await fixture.admin('/admin/config', { method: 'PUT', json: { yaml: 'model_list: 5', dryRun: true } });
    assert.equal((dryRun.body as { saved: boolean }).saved, false);
    assert.equal((dryRun.body as { errors: { path: string }[] }).errors[0]?.path, 'model_list');
  });

  test('status', async () => {
    const status = statusResponseSchema.parse((await fixture.admin('/admin/status')).body);
    assert.equal(status.url, fixture.url);
    assert.equal(status.store.ok, true);
    assert.equal(status.inFlight, 0);
    assert.equal(status.configPath, fixture.test.configPath);
    assert.deepEqual(status.configProblems, []);
  });

  test('route toggle: the next request avoids the disabled route (503 naming it), enabling restores it', async () => {
    const routes = routesResponseSchema.parse((await fixture.admin('/admin/routes')).body);
    assert.deepEqual(routes.routes.map((route) => route.name).sort(), ['anthropic', 'openai']);
    const disabled = await fixture.admin('/admin/routes/anthropic', { method: 'POST', json: { enabled: false } });
    assert.equal((disabled.body as { enabled: boolean }).enabled, false);
    const refused = await fixture.proxyMessage('claude-mock');
    assert.equal(refused.status, 503);
    const refusal = (await refused.json()) as { error: { message: string } };
    assert.match(refusal.error.message, /route "anthropic" is disabled/);
    await fixture.admin('/admin/routes/anthropic', { method: 'POST', json: { enabled: true } });
    const served = await fixture.proxyMessage('claude-mock');
    assert.equal(served.status, 200);
    await served.text();
    assert.equal((await fixture.admin('/admin/routes/nowhere', { method: 'POST', json: { enabled: true } })).status, 404);
  });

  test('logs: filters, paging with the cursor, detail by id', async () => {
    for (const model of ['claude-priced', 'claude-priced', 'gpt-mock']) {
      const response = model === 'gpt-mock'
        ? await fetch(`${fixture.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${PLANTED_SECRETS[2]}` }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) })
        : await fixture.proxyMessage(model);
      assert.equal(response.status, 200);
      await response.text();
    }
    const gpt = logsResponseSchema.parse((await fixture.admin('/admin/logs?model=gpt-mock')).body);
    assert.equal(gpt.items.length, 1);
    assert.equal(gpt.items[0]?.protocol, 'openai');
    const errors = logsResponseSchema.parse((await fixture.admin('/admin/logs?status=error')).body);
    assert.ok(errors.items.length >= 1 && errors.items.every((item) => item.status >= 400));
    const byRoute = logsResponseSchema.parse((await fixture.admin('/admin/logs?route=anthropic&status=ok')).body);
    assert.ok(byRoute.items.every((item) => item.route === 'anthropic' && item.status === 200));

    const first = logsResponseSchema.parse((await fixture.admin('/admin/logs?limit=1')).body);
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = logsResponseSchema.parse((await fixture.admin(`/admin/logs?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).body);
    assert.notEqual(second.items[0]?.id, first.items[0]?.id);
    assert.ok(second.items[0]!.at <= first.items[0]!.at);

    const detail = logDetailSchema.parse((await fixture.admin(`/admin/logs/${first.items[0]!.id}`)).body);
    assert.equal(detail.id, first.items[0]!.id);
    assert.equal(detail.requestBody, null, 'bodies are not stored by default');
    assert.equal((await fixture.admin('/admin/logs/no-such-id')).status, 404);
  });

  test('spend: grouped rows, totals, budgets; CSV with a header row', async () => {
    const byModel = spendResponseSchema.parse((await fixture.admin('/admin/spend?groupBy=model')).body);
    const priced = byModel.rows.find((row) => row.key === 'claude-priced');
    assert.ok(priced && priced.costUsd > 0 && priced.requests >= 2);
    assert.ok(byModel.today.costUsd >= priced.costUsd);
    assert.ok(byModel.month.requests >= byModel.today.requests);
    const byDay = spendResponseSchema.parse((await fixture.admin('/admin/spend')).body);
    assert.equal(byDay.rows.length, 30, 'every day of the default range, spend or not');
    assert.equal((await fixture.admin('/admin/spend?from=2025-02-01&to=2025-01-01')).status, 400);

    const csv = await fixture.admin('/admin/spend.csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /^attachment; filename="gatehouse-spend-/);
    const lines = csv.text.trimEnd().split('\r\n');
    assert.equal(lines[0], SPEND_CSV_COLUMNS.join(','));
    assert.ok(lines.some((line) => line.includes(',anthropic,claude-priced,')));
  });

  test('SSE: stream.ready first, then request.start, first_token and end for a streamed request', async () => {
    const controller = new AbortController();
    const response = await fetch(`${fixture.url}/admin/events`, { headers: { authorization: `Bearer ${fixture.token}` }, signal: controller.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const events: AdminEvent[] = [];
    let buffer = '';
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const { value } = await reader.read();
        buffer += value ?? '';
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (!name || !data) continue;
          const event = adminEventSchema.parse(JSON.parse(data));
          assert.equal(event.type, name);
          events.push(event);
        }
      }
    };
    await readUntil(() => events.length > 0);
    assert.equal(events[0]?.type, 'stream.ready');
    const streamed = await fixture.proxyMessage('claude-mock', true);
    await streamed.text();
    await readUntil(() => events.some((event) => event.type === 'request.end'));
    controller.abort();
    const types = events.map((event) => event.type).filter((type) => type.startsWith('request.') && type !== 'request.progress');
    assert.deepEqual(types, ['request.start', 'request.first_token', 'request.end']);
    const end = events.find((event) => event.type === 'request.end');
    assert.equal(end?.type === 'request.end' && end.stream, true);
  });

  test('settings: provider keys masked', async () => {
    const settings = settingsResponseSchema.parse((await fixture.admin('/admin/settings')).body);
    const anthropic = settings.providers.find((provider) => provider.name === 'anthropic');
    assert.equal(anthropic?.source, 'config');
    assert.ok(anthropic?.maskedKey && anthropic.maskedKey.length < 16);
    assert.equal(settings.storeBodies, false);
    const update = await fixture.admin('/admin/settings', { method: 'PUT', json: { host: '0.0.0.0' } });
    assert.equal(update.status, 200, 'a master key exists, so a wide bind is allowed but takes a restart');
    assert.equal((update.body as { restartRequired: boolean }).restartRequired, true);
  });

  test('local endpoints answer with status shapes when no Ollama runs', async () => {
    const status = await fixture.admin('/admin/local/status');
    assert.equal(status.status, 200);
    assert.ok(['not_installed', 'stopped', 'running', 'error'].includes((status.body as { state: string }).state));
    const pull = await fixture.admin('/admin/local/pull', { method: 'POST', json: { model: 'qwen3:4b' } });
    assert.ok(pull.status === 503 || pull.status === 202);
    assert.equal((await fixture.admin('/admin/local/pull', { method: 'POST', json: { model: '../etc' } })).status, 400);
  });
});
