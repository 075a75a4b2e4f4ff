/**
 * Requests reach the current Claude models in a form they accept, driven by the real OpenAI and
 * Anthropic SDKs through the gateway to a mock Anthropic upstream that records what it got:
 * thinking and effort, sampling, forced tool use and prefill for translated clients and for
 * Claude Code's requests that a group sends to another Claude, and the tool loop after a local
 * model's turn for Claude Code's own pass-through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { capturedPostBodies } from '../../helpers/claude-code-captures.ts';

const setup = useGatewayWithMock((upstreamUrl) => `
model_list:
${['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-opus-5', 'claude-opus-4-8', 'claude-haiku-4-5'].map((model) => `  - model_name: ${model}
    litellm_params: { model: anthropic/${model}, api_base: ${upstreamUrl}, api_key: sk-test }`).join('\n')}
  - model_name: claude-sonnet-4-5
    litellm_params: { model: anthropic/claude-opus-5-5, api_base: ${upstreamUrl}, api_key: sk-test }
  - model_name: custom-main
    litellm_params: { model: anthropic/claude-sonnet-4-5, api_base: ${upstreamUrl}, api_key: sk-test }
  - model_name: team-sonnet
    litellm_params: { model: anthropic/team-sonnet, api_base: ${upstreamUrl}, api_key: sk-test }
    model_info: { base_model: anthropic/claude-sonnet-4-5 }
  - model_name: team-opus
    litellm_params: { model: anthropic/team-opus, api_base: ${upstreamUrl}, api_key: sk-test }
    model_info: { base_model: claude-opus-4-7 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
`);

const openai = () => new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${setup.harness.gateway.url}/v1`, maxRetries: 0 });
const anthropic = () => new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: setup.harness.gateway.url, maxRetries: 0 });
const sent = () => setup.upstream.requests.at(-1)!.body;
const weather = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const time = { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object', properties: {} } } };

test('an OpenAI client\'s reasoning effort reaches Opus 5.5 as adaptive thinking at that effort (xhigh included), its temperature left out', async () => {
  await openai().chat.completions.create({ model: 'claude-opus-5-5', reasoning_effort: 'xhigh' as never, temperature: 0.3, top_p: 0.9, messages: [{ role: 'user', content: 'hi' }] });
  assert.deepEqual([sent().thinking, sent().output_config, 'temperature' in sent(), 'top_p' in sent()], [{ type: 'adaptive' }, { effort: 'xhigh' }, false, false]);
});

test('an OpenAI client asking for no reasoning gets the lowest effort from Opus 5.5, between_tools from Sonnet 5.5 and thinking disabled from Opus 5', async () => {
  const ask = (model: string) => openai().chat.completions.create({ model, reasoning_effort: 'none' as never, messages: [{ role: 'user', content: 'hi' }] });
  await ask('claude-opus-5-5');
  assert.deepEqual([sent().thinking, sent().output_config], [undefined, { effort: 'low' }]);
  await ask('claude-sonnet-5-5');
  assert.deepEqual(sent().thinking, { type: 'between_tools' });
  await ask('claude-opus-5');
  assert.deepEqual(sent().thinking, { type: 'disabled' });
});

test('a forced tool choice goes to Opus 5.5 as auto, a named tool as the only tool offered, and the response says so', async () => {
  const required = await openai().chat.completions.create({ model: 'claude-opus-5-5', tools: [weather, time], tool_choice: 'required', messages: [{ role: 'user', content: 'weather in Paris' }] }).withResponse();
  assert.deepEqual(sent().tool_choice, { type: 'auto' });
  assert.equal((sent().tools as unknown[]).length, 2);
  assert.equal(required.response.headers.get('x-gatehouse-adjusted'), 'tool_choice');
  await openai().chat.completions.create({ model: 'claude-opus-5-5', tools: [weather, time], tool_choice: { type: 'function', function: { name: 'get_weather' } }, messages: [{ role: 'user', content: 'weather in Paris' }] });
  assert.deepEqual([sent().tool_choice, (sent().tools as { name: string }[]).map((tool) => tool.name)], [{ type: 'auto' }, ['get_weather']]);
  const opus5 = await openai().chat.completions.create({ model: 'claude-opus-5', tools: [weather], tool_choice: 'required', messages: [{ role: 'user', content: 'weather in Paris' }] }).withResponse();
  assert.deepEqual(sent().tool_choice, { type: 'any' });
  assert.equal(opus5.response.headers.get('x-gatehouse-adjusted'), null);
});

test('a conversation ending with an assistant message is a 400 in the OpenAI shape naming the model, and never reaches Opus 5.5', async () => {
  const before = setup.upstream.requests.length;
  await assert.rejects(
    openai().chat.completions.create({ model: 'claude-opus-5-5', messages: [{ role: 'user', content: 'JSON please' }, { role: 'assistant', content: '{' }] }),
    (error: unknown) => error instanceof OpenAI.BadRequestError && /claude-opus-5-5 does not accept a conversation that ends with an assistant message/.test(error.message),
  );
  assert.equal(setup.upstream.requests.length, before);
});

test('Claude Code\'s request that a group sends to Opus 5.5 is fitted to it: budget as adaptive, no temperature, forced tool as auto', async () => {
  // This SDK no longer types temperature (today's models refuse it); Claude Code for an older model still sends it.
  const forSonnet45 = {
    model: 'claude-sonnet-4-5',
    max_tokens: 8000,
    thinking: { type: 'enabled', budget_tokens: 4096 },
    temperature: 1,
    tools: [{ name: 'Read', input_schema: { type: 'object', properties: {} } }],
    tool_choice: { type: 'any' },
    messages: [{ role: 'user', content: 'read it' }],
  } as Anthropic.MessageCreateParamsNonStreaming;
  const { response } = await anthropic().messages.create(forSonnet45).withResponse();
  assert.equal(sent().model, 'claude-opus-5-5');
  assert.deepEqual([sent().thinking, sent().output_config, 'temperature' in sent(), sent().tool_choice], [{ type: 'adaptive' }, { effort: 'high' }, false, { type: 'auto' }]);
  assert.equal(response.headers.get('x-gatehouse-adjusted'), 'tool_choice');
});

/** Claude Code's main request when ANTHROPIC_MODEL names a model it does not know (captured). */
const claudeCodeForUnknownModel = () => capturedPostBodies('variants-slim.jsonl').find((body) => body.model === 'custom-main' && body.thinking !== undefined)!;

test('Claude Code with ANTHROPIC_MODEL set to a group of Sonnet 4.5 sends adaptive thinking, which reaches Sonnet 4.5 as a budget, without the effort', async () => {
  // The captured request (tools kept by name only in the capture, so given an empty schema here).
  const captured = claudeCodeForUnknownModel();
  assert.deepEqual([captured.thinking, captured.output_config], [{ type: 'adaptive' }, { effort: 'high' }]);
  const request = { ...captured, tools: (captured.tools as string[]).map((name) => ({ name, input_schema: { type: 'object' } })) };
  await anthropic().messages.stream(request as unknown as Anthropic.MessageStreamParams).finalMessage();
  assert.equal(sent().model, 'claude-sonnet-4-5');
  assert.deepEqual([sent().thinking, 'output_config' in sent(), sent().max_tokens], [{ type: 'enabled', budget_tokens: 4096 }, false, 32000]);
});

test('a deployment with a name of its own (Azure AI Foundry) is fitted to the Claude its model_info.base_model names, its own name sent', async () => {
  const request = { ...claudeCodeForUnknownModel(), model: 'team-sonnet', tools: [] };
  await anthropic().messages.stream(request as unknown as Anthropic.MessageStreamParams).finalMessage();
  assert.deepEqual([sent().model, sent().thinking, 'output_config' in sent()], ['team-sonnet', { type: 'enabled', budget_tokens: 4096 }, false]);
  await openai().chat.completions.create({ model: 'team-opus', reasoning_effort: 'high', temperature: 0.5, messages: [{ role: 'user', content: 'hi' }] });
  assert.deepEqual([sent().model, sent().thinking, sent().output_config, 'temperature' in sent()], ['team-opus', { type: 'adaptive' }, { effort: 'high' }, false]);
});

/** Claude Code mid tool loop after a local model called the tool: the calling turn has no thinking block. */
const loopAfterLocalModel = (model: string, thinking: Anthropic.ThinkingConfigParam): Anthropic.MessageCreateParamsNonStreaming => ({
  model,
  max_tokens: 8000,
  thinking,
  tools: [{ name: 'Read', input_schema: { type: 'object', properties: {} } }],
  messages: [
    { role: 'user', content: 'read the file' },
    { role: 'assistant', content: [{ type: 'text', text: 'Reading it.' }, { type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'hello' }] },
  ],
});

test('Claude Code\'s own tool loop after a local model\'s turn goes without budget thinking, which Anthropic would refuse, and with adaptive thinking as sent', async () => {
  await anthropic().messages.create(loopAfterLocalModel('claude-haiku-4-5', { type: 'enabled', budget_tokens: 4000 }));
  assert.equal(sent().thinking, undefined, 'budget thinking requires the calling turn to start with a thinking block');
  for (const model of ['claude-opus-4-8', 'claude-opus-5', 'claude-opus-5-5']) {
    const asSent = loopAfterLocalModel(model, { type: 'adaptive' });
    await anthropic().messages.create(asSent);
    assert.deepEqual(sent(), asSent, `${model}: adaptive thinking decides per call whether to think, so a turn without thinking is ordinary; the bytes go as sent`);
  }
  const newTurn = { ...loopAfterLocalModel('claude-haiku-4-5', { type: 'enabled', budget_tokens: 4000 }), messages: [{ role: 'user' as const, content: 'hi' }] };
  await anthropic().messages.create(newTurn);
  assert.deepEqual(sent(), newTurn);
});

test('a Responses client\'s reasoning effort none reaches Opus 5.5 as the lowest effort, and max as adaptive thinking at max', async () => {
  await openai().responses.create({ model: 'claude-opus-5-5', reasoning: { effort: 'none' as never }, input: 'hi' });
  assert.deepEqual([sent().thinking, sent().output_config], [undefined, { effort: 'low' }]);
  await openai().responses.create({ model: 'claude-opus-5-5', reasoning: { effort: 'max' as never }, temperature: 0.2, input: 'hi' });
  assert.deepEqual([sent().thinking, sent().output_config, 'temperature' in sent()], [{ type: 'adaptive' }, { effort: 'max' }, false]);
});
