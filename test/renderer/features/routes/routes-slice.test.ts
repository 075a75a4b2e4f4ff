import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Route, RoutesResponse } from '../../../../gateway/admin/contract.ts';
import { issuesForRule } from '../../../../renderer/features/routes/routes-slice.ts';
import { createAppStore } from '../../../../renderer/store/app-store.ts';
import { fakeApi } from '../../fake-api.ts';

const route = (name: string, enabled: boolean): Route => ({ name, enabled, free: name === 'local', description: null, deployments: [], budget: null });
const routes: RoutesResponse = {
  routes: [route('local', true), route('anthropic', true)],
  claudeCode: { background: 'local', think: null, longContext: null, longContextThreshold: 60_000, webSearch: null, default: null },
  groups: ['local', 'sonnet'],
};

test('a toggle shows at once, and rolls back with a notice when the gateway refuses', async () => {
  let answer: (() => void) | undefined;
  const store = createAppStore(fakeApi({
    routes: async () => routes,
    toggleRoute: (name) => new Promise<Route>((_resolve, reject) => (answer = () => reject(new Error(`no route ${name}`)))),
  }));
  await store.getState().loadRoutes();
  const pending = store.getState().toggleRoute('anthropic', false);
  assert.equal(store.getState().routes?.routes[1]?.enabled, false);
  answer?.();
  await pending;
  assert.equal(store.getState().routes?.routes[1]?.enabled, true);
  assert.match(store.getState().notices[0]?.text ?? '', /no route anthropic/);
});

test('route.changed from elsewhere (the tray) updates the list', async () => {
  const store = createAppStore(fakeApi({ routes: async () => routes }));
  await store.getState().loadRoutes();
  store.getState().ingest([{ type: 'route.changed', name: 'local', enabled: false, at: 1 }], 1);
  assert.equal(store.getState().routes?.routes[0]?.enabled, false);
});

test('saving rules keeps the draft and attaches the errors to their fields', async () => {
  const store = createAppStore(fakeApi({
    routes: async () => routes,
    updateClaudeCodeRules: async () => ({ saved: false, errors: [{ path: 'gatehouse.claude_code.think', message: 'no model group named "x"' }], warnings: [], problems: [] }),
  }));
  await store.getState().loadRoutes();
  store.getState().editRules({ think: 'x' });
  await store.getState().saveRules();
  assert.equal(store.getState().rulesDraft?.think, 'x');
  const errors = store.getState().configResult?.errors ?? [];
  assert.equal(issuesForRule(errors, 'think').length, 1);
  assert.equal(issuesForRule(errors, 'background').length, 0);
});

test('a refused config save leaves the file as it was, so the edited text stays unsaved and can be saved again', async () => {
  const onDisk = 'model_list: []\n';
  const edited = 'model_list:\n  - model_name: claude\n    litellm_params: { model: anthropic/claude-sonnet-4-5, api_key: os.environ/ANTHROPIC_API_KEY }\n';
  let refuse = true;
  const store = createAppStore(fakeApi({
    routes: async () => routes,
    config: async () => ({ path: '/data/config.yaml', yaml: onDisk }),
    updateConfig: async () => (refuse
      ? { saved: false, errors: [{ path: 'model_list[0].litellm_params.api_key', message: 'environment variable ANTHROPIC_API_KEY is not set (the config says os.environ/ANTHROPIC_API_KEY)' }], warnings: [], problems: [] }
      : { saved: true, errors: [], warnings: [], problems: [] }),
  }));
  await store.getState().loadConfigYaml();
  assert.equal(await store.getState().saveConfigYaml(edited, false), false);
  assert.equal(store.getState().configYaml, onDisk);
  assert.equal(store.getState().configResult?.saved, false);
  refuse = false;
  // The editor lets go of its text only when the answer says the file holds it.
  assert.equal(await store.getState().saveConfigYaml(edited, false), true);
  assert.equal(store.getState().configYaml, edited);
});

test('a config save that fails on the way is not a save: the editor keeps its text', async () => {
  const store = createAppStore(fakeApi({
    config: async () => ({ path: '/data/config.yaml', yaml: 'model_list: []\n' }),
    updateConfig: async () => { throw new Error('The gateway did not answer'); },
  }));
  await store.getState().loadConfigYaml();
  assert.equal(await store.getState().saveConfigYaml('model_list: []\n# edited\n', false), false);
  assert.equal(store.getState().configYaml, 'model_list: []\n');
});
