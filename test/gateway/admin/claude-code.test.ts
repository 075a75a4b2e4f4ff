import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
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
