/**
 * Upstreams refuse Claude Code's 32k-64k max_tokens with a 400 that names their limit; these are
 * their real words, as users reported them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statedOutputLimit } from '../../../../gateway/protocol/errors/stated-output-limit.ts';

const asOpenAIError = (message: string) => JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: 'invalid_request_error' } });

test('a model\'s own output limit is read from each upstream\'s wording', () => {
  const cases: Array<[string, string, number]> = [
    // deepseek-ai/DeepSeek-V3#69
    ['DeepSeek', asOpenAIError('Invalid max_tokens value, the valid range of max_tokens is [1, 8192]'), 8192],
    // open-webui/open-webui#10507
    ['DashScope', '400: <400> InternalError.Algo.InvalidParameter: Range of max_tokens should be [1, 8192]', 8192],
    // enoch3712/ExtractThinker#346
    ['OpenAI max_tokens', asOpenAIError('max_tokens is too large: 32000. This model supports at most 16384 completion tokens, whereas you provided 32000.'), 16384],
    ['OpenAI max_completion_tokens', asOpenAIError('max_completion_tokens is too large: 32000. This model supports at most 16384 completion tokens, whereas you provided 32000.'), 16384],
    ['Groq', JSON.stringify({ error: { message: '`max_tokens` must be less than or equal to `8192`, the maximum value for `max_tokens` is less than the `context_window` for this model', type: 'invalid_request_error', param: 'max_tokens' } }), 8192],
    ['Anthropic', JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: 64000 > 32000, which is the maximum allowed number of output tokens for claude-opus-4-20250514' } }), 32000],
    // Gitlawb/openclaude#331
    ['Volcengine Ark', JSON.stringify({ error: { code: 'InvalidParameter', message: 'The parameter `max_completion_tokens` specified in the request are not valid: integer above maximum value, expected a value <= 12288, but got 32000 instead. Request id: 0217752964393142fa50af54af66c5cf', param: 'max_completion_tokens', type: 'BadRequest' } }), 12288],
  ];
  for (const [upstream, text, limit] of cases) assert.deepEqual(statedOutputLimit(text), { limit, perRequest: false }, upstream);
});

test('a limit set by what the context window leaves after the input holds for that request only', () => {
  // claude-code-best/claude-code#272 (vLLM)
  const vllm = asOpenAIError('\'max_tokens\' or \'max_completion_tokens\' is too large: 32000. This model\'s maximum context length is 32768 tokens and your request has 25000 input tokens (32000 > 32768 - 25000). None');
  assert.deepEqual(statedOutputLimit(vllm), { limit: 7768, perRequest: true });
  const olderWording = asOpenAIError('This model\'s maximum context length is 8192 tokens. However, you requested 70000 tokens (4000 in the messages, 66000 in the completion). Please reduce the length of the messages or completion.');
  assert.deepEqual(statedOutputLimit(olderWording), { limit: 4192, perRequest: true });
});

test('no limit when the input alone fills the context, when no number is named, or for other errors', () => {
  assert.equal(statedOutputLimit(asOpenAIError('\'max_tokens\' or \'max_completion_tokens\' is too large: 32000. This model\'s maximum context length is 32768 tokens and your request has 40000 input tokens (32000 > 32768 - 40000).')), undefined);
  assert.equal(statedOutputLimit(asOpenAIError('This model\'s maximum context length is 8192 tokens. However, you requested 9000 tokens (9000 in the messages, 0 in the completion).')), undefined);
  assert.equal(statedOutputLimit(asOpenAIError('max_tokens is too large')), undefined);
  assert.equal(statedOutputLimit(asOpenAIError('Invalid max_tokens value')), undefined);
  assert.equal(statedOutputLimit(JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 250000 tokens > 200000 maximum' } })), undefined);
  assert.equal(statedOutputLimit('"qwen2.5-coder:7b" does not support thinking'), undefined);
});
