import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../../gateway/errors/index.ts';
import { buildDeploymentTable, groupDeployments } from '../../../gateway/router/deployment-table.ts';
import { ModelResolver, upstreamModelFor } from '../../../gateway/router/resolve-model.ts';
import { configFrom } from './router-fixtures.ts';

const config = configFrom({
  model_list: [
    { model_name: 'sonnet', litellm_params: { model: 'anthropic/claude-sonnet-4-5' }, model_info: { id: 'sonnet-direct' } },
    { model_name: 'sonnet', litellm_params: { model: 'openai/anthropic/claude-sonnet-4.5', api_base: 'https://openrouter.ai/api/v1' }, model_info: { id: 'sonnet-or' } },
    { model_name: 'anthropic/*', litellm_params: { model: 'anthropic/*' } },
    { model_name: 'claude-*', litellm_params: { model: 'anthropic/claude-*' } },
    { model_name: '*', litellm_params: { model: 'ollama_chat/*' } },
  ],
  router_settings: { model_group_alias: { 'claude-opus-4-1': 'sonnet', secret: { model: 'sonnet', hidden: true } } },
});
const resolver = new ModelResolver(groupDeployments(buildDeploymentTable(config).deployments), config);

test('exact group, then alias, then the wildcard with the longest literal prefix', () => {
  assert.deepEqual([resolver.resolve('sonnet').via, resolver.resolve('sonnet').deployments.length], ['exact', 2]);
  assert.deepEqual([resolver.resolve('claude-opus-4-1').group, resolver.resolve('claude-opus-4-1').via], ['sonnet', 'alias']);
  assert.deepEqual([resolver.resolve('secret').group], ['sonnet']);
  const prefixed = resolver.resolve('anthropic/claude-haiku-4-5');
  assert.deepEqual([prefixed.group, prefixed.via, prefixed.wildcardMatch], ['anthropic/*', 'wildcard', 'claude-haiku-4-5']);
  const claude = resolver.resolve('claude-opus-4-8');
  assert.deepEqual([claude.group, claude.wildcardMatch], ['claude-*', 'opus-4-8']);
  assert.equal(resolver.resolve('qwen3:8b').group, '*');
});

test('the wildcard part is substituted into the upstream model', () => {
  const claude = resolver.resolve('claude-opus-4-8');
  assert.equal(upstreamModelFor(claude.deployments[0]!, claude.wildcardMatch), 'claude-opus-4-8');
  const local = resolver.resolve('qwen3:8b');
  assert.equal(upstreamModelFor(local.deployments[0]!, local.wildcardMatch), 'qwen3:8b');
  const exact = resolver.resolve('sonnet');
  assert.equal(upstreamModelFor(exact.deployments[0]!, exact.wildcardMatch), 'claude-sonnet-4-5');
});

test('"group,name" pins a group and optionally one deployment; "route,model" picks by route', () => {
  assert.deepEqual(resolver.resolve('sonnet,').deployments.map((deployment) => deployment.id), ['sonnet-direct', 'sonnet-or']);
  assert.deepEqual(resolver.resolve('sonnet,sonnet-or').deployments.map((deployment) => deployment.id), ['sonnet-or']);
  const byRoute = resolver.resolve('openrouter,anthropic/claude-sonnet-4.5');
  assert.deepEqual([byRoute.group, byRoute.via, byRoute.deployments.map((deployment) => deployment.id)], ['sonnet', 'override', ['sonnet-or']]);
  assert.throws(() => resolver.resolve('sonnet,nope'), (error: unknown) => GatewayError.isInstance(error) && error.status === 404);
});

test('an unknown name is a 404 listing configured names, never hidden aliases', () => {
  const narrow = configFrom({ model_list: [{ model_name: 'sonnet', litellm_params: { model: 'anthropic/claude-sonnet-4-5' } }], router_settings: { model_group_alias: { hush: { model: 'sonnet', hidden: true } } } });
  const strict = new ModelResolver(groupDeployments(buildDeploymentTable(narrow).deployments), narrow);
  assert.throws(() => strict.resolve('gpt-5'), (error: unknown) => {
    assert.ok(GatewayError.isInstance(error));
    assert.deepEqual([error.type, error.status], ['caller_not_found', 404]);
    assert.match(error.message, /Model "gpt-5" is not configured .*"sonnet"/);
    assert.doesNotMatch(error.message, /hush/);
    return true;
  });
});
