import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { doctorResponseSchema } from '../../../gateway/admin/contract.ts';
import { startTestGateway, TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';

test('the dashboard\'s doctor points its fixes at the Apply button above it, not at the command line', async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-doctor-home-'));
  const gateway = await startTestGateway(`general_settings: { master_key: ${TEST_MASTER_KEY} }\n`, { HOME: home, USERPROFILE: home });
  try {
    const response = await fetch(`${gateway.gateway.url}/admin/claude-code/doctor`, { headers: { authorization: `Bearer ${gateway.gateway.adminToken}` } });
    const { checks } = doctorResponseSchema.parse(await response.json());
    const fixes = Object.fromEntries(checks.map((check) => [check.id, check.fix]));
    // A fresh HOME: Claude Code has neither the gateway's URL nor its key yet.
    assert.equal(fixes['base-url'], 'Press Apply above (writes ~/.claude/settings.json)');
    assert.equal(fixes.auth, 'Press Apply above');
    assert.deepEqual(checks.filter((check) => check.fix?.includes('--apply')), []);
  } finally {
    await gateway.stop();
    rmSync(home, { recursive: true, force: true });
  }
});

test('the dashboard\'s doctor answers a model the gateway lacks with what the dashboard offers, not `configure-claude --model`', async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-doctor-home-'));
  const gateway = await startTestGateway(`general_settings: { master_key: ${TEST_MASTER_KEY} }\n`, { HOME: home, USERPROFILE: home });
  try {
    // The Setup page's Apply writes no model names, so an old one in settings.json stays until the user acts.
    mkdirSync(path.join(home, '.claude'));
    writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: gateway.gateway.url, ANTHROPIC_AUTH_TOKEN: TEST_MASTER_KEY, ANTHROPIC_MODEL: 'qwen2.5-coder:7b' } }));
    const response = await fetch(`${gateway.gateway.url}/admin/claude-code/doctor`, { headers: { authorization: `Bearer ${gateway.gateway.adminToken}` } });
    const modelNames = doctorResponseSchema.parse(await response.json()).checks.find((check) => check.id === 'model-names');
    assert.equal(modelNames?.status, 'fail');
    assert.equal(modelNames.fix, 'Add the model to model_list in config.yaml, or send every name the gateway lacks to one of its groups with the `default` rule under Claude Code rules on the Routes page');
  } finally {
    await gateway.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
