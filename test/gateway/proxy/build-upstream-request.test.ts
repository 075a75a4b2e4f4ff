import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildUpstreamRequest } from '../../../gateway/proxy/build-upstream-request.ts';
import type { ProxyCall } from '../../../gateway/proxy/handle-proxy-request.ts';
import type { AttemptTarget } from '../../../gateway/proxy/routing-port.ts';
import type { AnthropicMessagesRequest } from '../../../gateway/protocol/anthropic/types.ts';
import { convertOpenAIRequestToAnthropic } from '../../../gateway/protocol/openai-to-anthropic/convert-request.ts';
import type { OpenAIChatRequest } from '../../../gateway/protocol/openai/types.ts';
import { convertResponsesRequestToAnthropic } from '../../../gateway/protocol/responses-to-anthropic/convert-request.ts';
import type { ResponsesRequest } from '../../../gateway/protocol/responses/types.ts';

function callWith(clientProtocol: ProxyCall['clientProtocol'], body: Record<string, unknown>, headers: Record<string, string> = {}): ProxyCall {
  return { id: 'id-1', clientProtocol, body, rawBytes: Buffer.from(JSON.stringify(body)), headers, startedAt: 0, startedMark: 0 };
}

const target = (protocol: AttemptTarget['protocol'], upstreamModel: string): AttemptTarget => ({ deploymentId: 'd', group: 'g', route: 'r', protocol, upstreamModel });
const asCanonical = (call: ProxyCall) => () => call.body as unknown as AnthropicMessagesRequest;
const claudeCodeTurn = { model: 'claude-x', max_tokens: 100, thinking: { type: 'adaptive' }, stream: true, messages: [{ role: 'user', content: 'hi — “quoted”' }] };

test('nothing to change: the upstream gets the very bytes the client sent, not the text encoded again', () => {
  const call = callWith('anthropic', claudeCodeTurn, { 'anthropic-beta': 'context-management-2025-06-27', 'x-other': 'no' });
  const { request } = buildUpstreamRequest(call, target('anthropic', 'claude-x'), asCanonical(call), true);
  assert.equal(request.body, call.rawBytes);
  assert.deepEqual(request.forwardHeaders, { 'anthropic-beta': 'context-management-2025-06-27' });

  const openaiCall = callWith('openai', { model: 'gpt-x', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(buildUpstreamRequest(openaiCall, target('openai', 'gpt-x'), asCanonical(openaiCall), true).request.body, openaiCall.rawBytes);
});

test('a renamed model, or an OpenAI stream without usage, is the same JSON with those fields set', () => {
  const call = callWith('anthropic', claudeCodeTurn);
  const renamed = buildUpstreamRequest(call, target('anthropic', 'claude-x-20250929'), asCanonical(call), true).request.body;
  assert.deepEqual(JSON.parse(String(renamed)), { ...claudeCodeTurn, model: 'claude-x-20250929' });

  const openaiCall = callWith('openai', { model: 'gpt-x', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  const withUsage = buildUpstreamRequest(openaiCall, target('openai', 'gpt-x'), asCanonical(openaiCall), true).request.body;
  assert.deepEqual(JSON.parse(String(withUsage)), { ...openaiCall.body, stream_options: { include_usage: true } });
});

test('thinking from another model is stripped before an Anthropic upstream sees the conversation', () => {
  const call = callWith('anthropic', { ...claudeCodeTurn, messages: [
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: [{ type: 'thinking', thinking: 'from gpt-oss', signature: null }, { type: 'text', text: 'hello' }] },
    { role: 'user', content: 'again' },
  ] });
  const body = JSON.parse(buildUpstreamRequest(call, target('anthropic', 'claude-x'), asCanonical(call), true).request.body.toString()) as AnthropicMessagesRequest;
  assert.deepEqual(body.messages[1], { role: 'assistant', content: [{ type: 'text', text: 'hello' }] });
});

test('an OpenAI client\'s whitespace-only stop sequences are dropped for Anthropic, which refuses them, and kept for Ollama', () => {
  const call = callWith('openai', { model: 'claude-x', stop: ['\n', 'END'], messages: [{ role: 'user', content: 'hi' }] });
  const canonical = () => ({ model: 'claude-x', max_tokens: 100, stop_sequences: ['\n', 'END'], messages: [{ role: 'user' as const, content: 'hi' }] });
  const toAnthropic = JSON.parse(buildUpstreamRequest(call, target('anthropic', 'claude-x'), canonical, false).request.body.toString()) as AnthropicMessagesRequest;
  assert.deepEqual(toAnthropic.stop_sequences, ['END']);
  const onlyNewline = () => ({ ...canonical(), stop_sequences: ['\n', ' '] });
  const withNone = JSON.parse(buildUpstreamRequest(call, target('anthropic', 'claude-x'), onlyNewline, false).request.body.toString()) as AnthropicMessagesRequest;
  assert.equal('stop_sequences' in withNone, false);
  const toOllama = JSON.parse(buildUpstreamRequest(call, target('ollama', 'qwen3'), canonical, false).request.body.toString()) as { options: { stop?: string[] } };
  assert.deepEqual(toOllama.options.stop, ['\n', 'END']);
});

test('Claude behind an OpenAI-compatible API (OpenRouter anthropic/claude-…) keeps Claude Code\'s cache breakpoints', () => {
  const system = [{ type: 'text', text: 'You are Claude Code', cache_control: { type: 'ephemeral', ttl: '1h' } }];
  const call = callWith('anthropic', { ...claudeCodeTurn, system });
  const sent = (model: string) => JSON.parse(buildUpstreamRequest(call, target('openai', model), asCanonical(call), true).request.body.toString()) as { messages: unknown[] };
  assert.deepEqual(sent('anthropic/claude-sonnet-4.5').messages[0], { role: 'system', content: [{ type: 'text', text: 'You are Claude Code', cache_control: { type: 'ephemeral' } }] });
  assert.deepEqual(sent('gpt-4.1').messages[0], { role: 'system', content: 'You are Claude Code' });
});

test("an OpenAI client's reasoning_effort with a low temperature: Anthropic gets thinking without it, Ollama gets both", () => {
  const call = callWith('openai', { model: 'claude-x', reasoning_effort: 'medium', temperature: 0.2, messages: [{ role: 'user', content: 'hi' }] });
  const canonical = () => convertOpenAIRequestToAnthropic(call.body as unknown as OpenAIChatRequest);
  const toAnthropic = JSON.parse(buildUpstreamRequest(call, target('anthropic', 'claude-x'), canonical, false).request.body.toString()) as AnthropicMessagesRequest;
  assert.deepEqual([toAnthropic.thinking?.type, 'temperature' in toAnthropic], ['enabled', false]);
  const toOllama = JSON.parse(buildUpstreamRequest(call, target('ollama', 'qwen3'), canonical, false).request.body.toString()) as { think?: boolean; options: { temperature?: number } };
  assert.deepEqual([toOllama.think, toOllama.options.temperature], [true, 0.2]);
});

test('an output limit lowers max_tokens in every shape of body, and says what was sent', () => {
  const limited = (protocol: AttemptTarget['protocol'], upstreamModel: string): AttemptTarget => ({ ...target(protocol, upstreamModel), outputLimit: 8192 });
  const anthropicCall = callWith('anthropic', { ...claudeCodeTurn, max_tokens: 32000, thinking: { type: 'enabled', budget_tokens: 31999 } });
  const passThrough = buildUpstreamRequest(anthropicCall, limited('anthropic', 'claude-x'), asCanonical(anthropicCall), true);
  assert.deepEqual(JSON.parse(String(passThrough.request.body)), { ...anthropicCall.body, max_tokens: 8192, thinking: { type: 'enabled', budget_tokens: 8191 } });
  assert.equal(passThrough.maxTokens, 8192);

  const translated = buildUpstreamRequest(anthropicCall, limited('openai', 'deepseek-chat'), asCanonical(anthropicCall), true);
  assert.equal((JSON.parse(String(translated.request.body)) as { max_tokens: number }).max_tokens, 8192);
  assert.equal(translated.maxTokens, 8192);

  const openaiCall = callWith('openai', { model: 'gpt-x', max_completion_tokens: 32000, messages: [{ role: 'user', content: 'hi' }] });
  const openaiPassThrough = buildUpstreamRequest(openaiCall, limited('openai', 'gpt-x'), asCanonical(openaiCall), false);
  assert.deepEqual(JSON.parse(String(openaiPassThrough.request.body)), { ...openaiCall.body, max_completion_tokens: 8192 });
  assert.equal(openaiPassThrough.maxTokens, 8192);
});

test('without an output limit the body says what the client asked for, and a body within the limit keeps its bytes', () => {
  const call = callWith('anthropic', { ...claudeCodeTurn, max_tokens: 32000 });
  assert.equal(buildUpstreamRequest(call, target('anthropic', 'claude-x'), asCanonical(call), true).maxTokens, 32000);
  const within = callWith('anthropic', claudeCodeTurn);
  assert.equal(buildUpstreamRequest(within, { ...target('anthropic', 'claude-x'), outputLimit: 8192 }, asCanonical(within), true).request.body, within.rawBytes);
});

test('an OpenAI client that sets no max_tokens gets the deployment\'s litellm_params.max_tokens, as LiteLLM sends it; one that sets its own keeps it', () => {
  const withDefault = (protocol: AttemptTarget['protocol'], extra: Partial<AttemptTarget> = {}): AttemptTarget => ({ ...target(protocol, 'm'), defaultMaxTokens: 8192, ...extra });
  const open = callWith('openai', { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  const canonicalOf = (call: ProxyCall) => () => convertOpenAIRequestToAnthropic(call.body as unknown as OpenAIChatRequest);
  const bodyOf = (call: ProxyCall, to: AttemptTarget) => JSON.parse(buildUpstreamRequest(call, to, canonicalOf(call), false).request.body.toString()) as Record<string, unknown>;

  assert.equal(bodyOf(open, withDefault('openai')).max_tokens, 8192);
  assert.equal(bodyOf(open, withDefault('openai', { openaiCapabilities: { maxTokensField: 'max_completion_tokens' } })).max_completion_tokens, 8192, 'in the field the model takes');
  assert.equal(bodyOf(open, withDefault('openai', { outputLimit: 4000 })).max_tokens, 4000, 'a stated output limit still caps it');
  assert.equal(bodyOf(open, withDefault('anthropic')).max_tokens, 8192, 'in place of the translator\'s 4096');
  const thinking = callWith('openai', { model: 'm', reasoning_effort: 'low', messages: [{ role: 'user', content: 'hi' }] });
  const thought = bodyOf(thinking, withDefault('anthropic')) as { max_tokens: number; thinking: { budget_tokens: number } };
  assert.equal(thought.max_tokens, 8192 + thought.thinking.budget_tokens, 'the thinking budget on top, as with the translator\'s default');

  const own = callWith('openai', { model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(buildUpstreamRequest(own, withDefault('openai'), canonicalOf(own), false).request.body, own.rawBytes);
  assert.equal(bodyOf(own, withDefault('anthropic')).max_tokens, 100);
  const claudeCode = callWith('anthropic', claudeCodeTurn);
  assert.equal(buildUpstreamRequest(claudeCode, { ...target('anthropic', 'claude-x'), defaultMaxTokens: 8192 }, asCanonical(claudeCode), true).request.body, claudeCode.rawBytes, 'an Anthropic request always sets its own');
});

test('a Responses client that sets no max_output_tokens gets the deployment\'s max_tokens too; one that sets it keeps its own', () => {
  const deployment: AttemptTarget = { ...target('anthropic', 'm'), defaultMaxTokens: 8192 };
  const maxTokensFor = (body: Record<string, unknown>) => {
    const call = callWith('responses', body);
    const canonical = () => convertResponsesRequestToAnthropic(call.body as unknown as ResponsesRequest);
    return (JSON.parse(buildUpstreamRequest(call, deployment, canonical, false).request.body.toString()) as { max_tokens: number }).max_tokens;
  };
  assert.equal(maxTokensFor({ model: 'm', input: 'hi' }), 8192);
  assert.equal(maxTokensFor({ model: 'm', input: 'hi', max_output_tokens: 300 }), 300);
});

test('a Responses client that sets no max_output_tokens sends an OpenAI-compatible upstream no limit, not the 4096 an Anthropic upstream needs', () => {
  const bodyFor = (body: Record<string, unknown>, to: AttemptTarget) => {
    const call = callWith('responses', body);
    const canonical = () => convertResponsesRequestToAnthropic(call.body as unknown as ResponsesRequest);
    return JSON.parse(buildUpstreamRequest(call, to, canonical, false).request.body.toString()) as Record<string, unknown>;
  };
  const codexTurn = { model: 'm', input: 'hi', reasoning: { effort: 'high' } };
  const openai = bodyFor(codexTurn, { ...target('openai', 'gpt-5'), openaiCapabilities: { maxTokensField: 'max_completion_tokens', reasoning: true } });
  assert.equal(openai.max_completion_tokens, undefined, 'a reasoning model spends its limit on reasoning too: 4096 would cut Codex\'s turns short');
  assert.equal(openai.max_tokens, undefined);
  assert.equal(bodyFor(codexTurn, { ...target('openai', 'm'), outputLimit: 2000 }).max_tokens, undefined, 'nothing asked, so nothing above the limit to lower');
  assert.equal(bodyFor({ ...codexTurn, max_output_tokens: 300 }, target('openai', 'm')).max_tokens, 300);
  assert.equal(bodyFor({ model: 'm', input: 'hi' }, { ...target('openai', 'm'), defaultMaxTokens: 8192 }).max_tokens, 8192);
});

test('an OpenAI or Responses client that sets no limit sends Ollama no num_predict: the model runs to its own end, not 4096', () => {
  const optionsFor = (call: ProxyCall, canonical: () => AnthropicMessagesRequest, to: AttemptTarget = target('ollama', 'qwen3:8b')) =>
    (JSON.parse(buildUpstreamRequest(call, to, canonical, false).request.body.toString()) as { options: Record<string, unknown> }).options;
  const codex = callWith('responses', { model: 'm', input: 'hi', reasoning: { effort: 'high' } });
  const codexCanonical = () => convertResponsesRequestToAnthropic(codex.body as unknown as ResponsesRequest);
  assert.equal(optionsFor(codex, codexCanonical).num_predict, undefined);
  assert.equal(optionsFor(codex, codexCanonical, { ...target('ollama', 'qwen3:8b'), defaultMaxTokens: 8192 }).num_predict, 8192 + 4096, "the deployment's max_tokens still applies, with the thinking budget on top");
  const chat = callWith('openai', { model: 'm', max_tokens: 300, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(optionsFor(chat, () => convertOpenAIRequestToAnthropic(chat.body as unknown as OpenAIChatRequest)).num_predict, 300);
  const claudeCode = callWith('anthropic', claudeCodeTurn);
  assert.equal(optionsFor(claudeCode, asCanonical(claudeCode)).num_predict, 100, 'an Anthropic request always states its limit');
});

test('a tool loop whose thinking could not come back (an OpenAI client with reasoning, a turn from another model) reaches Anthropic without thinking, which it would refuse', () => {
  const toAnthropic = (call: ProxyCall, canonical: () => AnthropicMessagesRequest) =>
    JSON.parse(buildUpstreamRequest(call, target('anthropic', 'claude-x'), canonical, false).request.body.toString()) as AnthropicMessagesRequest;
  const openaiLoop = callWith('openai', { model: 'claude-x', reasoning_effort: 'high', messages: [
    { role: 'user', content: 'read it' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'Read', arguments: '{"file_path":"/a"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: 'hello' },
  ], tools: [{ type: 'function', function: { name: 'Read', parameters: { type: 'object' } } }] });
  assert.equal(toAnthropic(openaiLoop, () => convertOpenAIRequestToAnthropic(openaiLoop.body as unknown as OpenAIChatRequest)).thinking, undefined);

  const loopAfterLocalModel = (thinking: Record<string, unknown>) => callWith('anthropic', { ...claudeCodeTurn, thinking, context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] }, messages: [
    { role: 'user', content: 'read it' },
    { role: 'assistant', content: [{ type: 'thinking', thinking: 'from gpt-oss', signature: null }, { type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'hello' }] },
  ] });
  const budget = loopAfterLocalModel({ type: 'enabled', budget_tokens: 2048 });
  const sent = toAnthropic(budget, asCanonical(budget));
  assert.deepEqual([sent.thinking, sent.context_management], [undefined, undefined]);
  const adaptive = loopAfterLocalModel({ type: 'adaptive' });
  const kept = toAnthropic(adaptive, asCanonical(adaptive));
  assert.deepEqual([kept.thinking, kept.context_management], [{ type: 'adaptive' }, { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] }], 'adaptive thinking does not need the calling turn to have thought');
});

test('an OpenAI client\'s reasoning effort reaches Claude 4.7 as adaptive thinking (a budget is refused there) and Claude 4.5 as a budget', () => {
  const call = callWith('openai', { model: 'claude', reasoning_effort: 'medium', messages: [{ role: 'user', content: 'hi' }] });
  const canonical = () => convertOpenAIRequestToAnthropic(call.body as unknown as OpenAIChatRequest);
  const sentTo = (model: string) => JSON.parse(buildUpstreamRequest(call, target('anthropic', model), canonical, false).request.body.toString()) as AnthropicMessagesRequest;
  assert.deepEqual([sentTo('claude-opus-4-7').thinking, sentTo('claude-opus-4-7').output_config], [{ type: 'adaptive' }, { effort: 'medium' }]);
  assert.deepEqual(sentTo('claude-sonnet-4-5').thinking, { type: 'enabled', budget_tokens: 2048 });
});

test('Claude Code\'s thinking budget, chosen for the model it named, goes as adaptive thinking when its group sends it to Claude 4.7; for the model it named it goes as sent', () => {
  const call = callWith('anthropic', { ...claudeCodeTurn, model: 'claude-sonnet-4-5', thinking: { type: 'enabled', budget_tokens: 31999 } });
  const renamed = JSON.parse(buildUpstreamRequest(call, target('anthropic', 'claude-opus-4-7'), asCanonical(call), true).request.body.toString()) as AnthropicMessagesRequest;
  assert.deepEqual([renamed.thinking, renamed.output_config], [{ type: 'adaptive' }, { effort: 'max' }]);
  assert.equal(buildUpstreamRequest(call, target('anthropic', 'claude-sonnet-4-5'), asCanonical(call), true).request.body, call.rawBytes);
});

test('Anthropic\'s signed thinking from the Claude that Claude Code named goes unchanged to the Claude its group sends it to: the API drops what that model cannot read', () => {
  const history = [
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: [{ type: 'thinking', thinking: '', signature: 'sig-from-opus-5' }, { type: 'text', text: 'hello' }] },
    { role: 'user', content: 'again' },
  ];
  const call = callWith('anthropic', { ...claudeCodeTurn, model: 'claude-opus-5', messages: history });
  const sent = JSON.parse(buildUpstreamRequest(call, target('anthropic', 'claude-opus-5-5'), asCanonical(call), true).request.body.toString()) as AnthropicMessagesRequest;
  assert.deepEqual(sent.messages, history);
});
