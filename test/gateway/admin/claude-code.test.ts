import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DASHBOARD_APPLY_STEP } from '../../../gateway/admin/claude-code.ts';
import { claudeCodeApplyResponseSchema, claudeCodePlanSchema, claudeCodeUndoResponseSchema, doctorResponseSchema } from '../../../gateway/admin/contract.ts';
import { stubPowerShell } from '../../helpers/stub-powershell.ts';
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

test('the places the dashboard\'s doctor names are the labels the dashboard shows', () => {
  const source = (file: string): string => readFileSync(new URL(`../../../renderer/${file}`, import.meta.url), 'utf8');
  const pages = source('app.tsx');
  const settings = source('features/settings/settings-page.tsx');
  const routes = source('features/routes/routes-page.tsx');
  const setup = source('features/setup/setup-page.tsx');
  // The Settings page's Gateway panel labels its fields "Bind address" and "Port": there is no "host".
  assert.equal(DASHBOARD_APPLY_STEP.gatewayAddress, 'the bind address and port under Gateway on the Settings page');
  for (const label of ["title: 'Settings'", '<Panel title="Gateway">', '>Bind address<', '>Port<']) assert.ok((pages + settings).includes(label), label);
  assert.equal(DASHBOARD_APPLY_STEP.gatewayKey, 'general_settings.master_key under Config file on the Routes page');
  assert.match(DASHBOARD_APPLY_STEP.useServedModel, /under Claude Code rules on the Routes page$/);
  for (const label of ["title: 'Routes'", '<Panel title="Config file"', '<Panel title="Claude Code rules">']) assert.ok((pages + routes).includes(label), label);
  assert.equal(DASHBOARD_APPLY_STEP.apply, 'press Apply above');
  assert.match(setup, />Apply<\/button>[\s\S]*<Panel title="Doctor"/, 'the Apply button sits above the doctor');
});

test('the dashboard\'s doctor answers a rejected key with where the dashboard edits it and its Apply, not the CLI\'s --key and command', async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-doctor-home-'));
  // HTTP trims header values, so a key ending in a space can never be sent: the gateway rejects its own key.
  const gateway = await startTestGateway('general_settings: { master_key: "sk-pasted-with-a-space " }\n', { HOME: home, USERPROFILE: home });
  try {
    const response = await fetch(`${gateway.gateway.url}/admin/claude-code/doctor`, { headers: { authorization: `Bearer ${gateway.gateway.adminToken}` } });
    const { checks } = doctorResponseSchema.parse(await response.json());
    const key = checks.find((check) => check.id === 'gateway-key');
    assert.equal(key?.status, 'fail');
    assert.equal(key.fix, 'Check general_settings.master_key under Config file on the Routes page, then press Apply above');
    assert.deepEqual(checks.filter((check) => /configure-claude|--[a-z]|npm run/.test(check.fix ?? '')), [], 'no fix names a command or a flag');
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

test('on Windows the dashboard offers PowerShell, and apply writes each edition\'s profile that runs it, says which it skipped, and undo takes it back', async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-wiring-windows-'));
  const profile7 = path.join(home, 'OneDrive', 'Documents', 'PowerShell', 'Microsoft.PowerShell_profile.ps1');
  const profile51 = path.join(home, 'OneDrive', 'Documents', 'WindowsPowerShell', 'Microsoft.PowerShell_profile.ps1');
  const stub = stubPowerShell({ pwsh: { profile: profile7, policy: 'RemoteSigned' }, powershell: { profile: profile51, policy: 'Restricted' } });
  const gateway = await startTestGateway(`general_settings: { master_key: ${TEST_MASTER_KEY} }\n`, { USERPROFILE: home }, { claudeCodeHost: { platform: 'win32', run: stub.run } });
  const admin = (method: string, route: string, body?: unknown) => fetch(`${gateway.gateway.url}/admin/claude-code/${route}`, {
    method,
    headers: { authorization: `Bearer ${gateway.gateway.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  try {
    const plan = claudeCodePlanSchema.parse(await (await admin('GET', 'plan')).json());
    assert.equal(plan.platform, 'win32');
    assert.equal(plan.profileShells[0], 'powershell');
    assert.equal(plan.profileShells.includes('cmd' as never), false, 'cmd has no profile; the page shows its setx commands instead');

    const response = await admin('POST', 'apply', { rc: ['powershell'] });
    assert.equal(response.status, 200);
    const applied = claudeCodeApplyResponseSchema.parse(await response.json());
    assert.deepEqual(applied.filesWritten, [path.join(home, '.claude', 'settings.json'), profile7]);
    assert.match(readFileSync(profile7, 'utf8'), /\$env:ANTHROPIC_AUTH_TOKEN = '/);
    assert.deepEqual(applied.skippedProfiles.map(({ edition, path: file, executionPolicy }) => ({ edition, file, executionPolicy })), [{ edition: 'Windows PowerShell 5.1', file: profile51, executionPolicy: 'Restricted' }]);
    assert.match(applied.skippedProfiles[0]!.fix, /Set-ExecutionPolicy -Scope CurrentUser RemoteSigned/);

    const undone = claudeCodeUndoResponseSchema.parse(await (await admin('POST', 'undo', {})).json());
    assert.equal(undone.restored, true);
    assert.equal(existsSync(profile7), false);
    assert.equal((await admin('POST', 'apply', { rc: ['cmd'] })).status, 400, 'cmd persists with setx, not a profile');
  } finally {
    await gateway.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
