import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProviderKey, SettingsResponse } from '../../../../gateway/admin/contract.ts';
import { createAppStore } from '../../../../renderer/store/app-store.ts';
import { fakeApi } from '../../fake-api.ts';

const settingsWith = (openai: ProviderKey): SettingsResponse => ({
  host: '127.0.0.1', port: 4747, listeningPort: 4747, storeBodies: false, dataDir: '/data', configPath: '/data/config.yaml', providers: [openai],
});

test('a config reload refreshes the Providers table and keeps unsaved edits', async () => {
  let answer = settingsWith({ name: 'openai', envVar: 'OPENAI_API_KEY', source: 'none', maskedKey: null });
  let reads = 0;
  const store = createAppStore(fakeApi({
    settings: async () => {
      reads += 1;
      return answer;
    },
    // The status reload that config.reloaded also starts is not what this test is about.
    status: () => new Promise(() => undefined),
  }));
  store.getState().ingest([{ type: 'config.reloaded', applied: true, errors: [], warnings: [], at: 1 }], 1);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(reads, 0, 'nothing to refresh before the Settings page loaded');

  await store.getState().loadSettings();
  store.getState().editSettings({ port: 8080 });
  answer = settingsWith({ name: 'openai', envVar: 'OPENAI_API_KEY', source: 'env', maskedKey: 'sk-…1234' });
  store.getState().ingest([{ type: 'config.reloaded', applied: true, errors: [], warnings: [], at: 2 }], 2);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(store.getState().settings?.providers, answer.providers);
  assert.deepEqual(store.getState().settingsDraft, { port: 8080 });
  assert.deepEqual(store.getState().notices, []);
});
