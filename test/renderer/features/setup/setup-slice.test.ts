import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClaudeCodeApplyRequest, ClaudeCodePlan } from '../../../../gateway/admin/contract.ts';
import { createAppStore } from '../../../../renderer/store/app-store.ts';
import { fakeApi } from '../../fake-api.ts';

const PROFILE_51 = 'C:\\Users\\dev\\OneDrive\\Documents\\WindowsPowerShell\\Microsoft.PowerShell_profile.ps1';

const windowsPlan: ClaudeCodePlan = {
  baseUrl: 'http://127.0.0.1:4747', settingsPath: 'C:\\Users\\dev\\.claude\\settings.json', env: {}, changes: [], snippets: [],
  applied: true, canUndo: true, platform: 'win32', profileShells: ['powershell', 'bash', 'zsh', 'fish'],
};

test('Apply with PowerShell ticked asks for its profile, and keeps the editions it skipped until undo', async () => {
  const requests: ClaudeCodeApplyRequest[] = [];
  const store = createAppStore(fakeApi({
    claudeCodePlan: async () => windowsPlan,
    doctor: async () => ({ checks: [] }),
    applyClaudeCode: async (request) => {
      requests.push(request);
      return {
        settingsPath: windowsPlan.settingsPath, backupPath: null, filesWritten: [],
        skippedProfiles: [{ edition: 'Windows PowerShell 5.1', path: PROFILE_51, executionPolicy: 'Restricted', fix: 'Run `Set-ExecutionPolicy -Scope CurrentUser RemoteSigned` in Windows PowerShell 5.1, then apply again' }],
      };
    },
    undoClaudeCode: async () => ({ restored: true, filesRestored: [windowsPlan.settingsPath] }),
  }));
  store.getState().toggleRcShell('powershell');
  await store.getState().applyClaudeCode();
  assert.deepEqual(requests, [{ rc: ['powershell'] }]);
  assert.deepEqual(store.getState().skippedProfiles.map((skipped) => skipped.path), [PROFILE_51]);
  await store.getState().undoClaudeCode();
  assert.deepEqual(store.getState().skippedProfiles, [], 'what undo put back says nothing about the skipped edition');
});
