import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { OllamaClient } from '../../../../gateway/local/ollama/ollama-client.ts';
import { judgeToolCall, runToolCallSmokeTest } from '../../../../gateway/local/bench/tool-call-smoke-test.ts';
import { runOllamaBenchmark } from '../../../../gateway/local/bench/run-ollama-benchmark.ts';
import type { OllamaToolCall } from '../../../../gateway/protocol/ollama/types.ts';
import { createTestModel, startOllamaTestServer, type OllamaTestServer } from '../../../helpers/ollama-test-server.ts';

let ollama: OllamaTestServer;
before(async () => {
  ollama = await startOllamaTestServer({
    models: [createTestModel('qwen3:8b'), createTestModel('gemma2:2b', { capabilities: ['completion'] })],
    version: '0.12.6',
  });
});
after(() => ollama.close());

const client = () => new OllamaClient({ baseUrl: ollama.url });
const toolRequests = (server: OllamaTestServer) => server.requests.filter((request) => request.path === '/api/chat' && (request.body as { tools?: unknown }).tools !== undefined);
const answerWith = (...toolCalls: OllamaToolCall[]) => ({ message: { role: 'assistant' as const, content: '', tool_calls: toolCalls }, done_reason: 'stop' });
const readCall = (args: unknown): OllamaToolCall => ({ function: { name: 'Read', arguments: args as Record<string, unknown> } });

test('a Read call with an absolute file_path passes; the request is one whole answer at temperature 0 with the pinned context', async () => {
  ollama.scriptChat({ thinking: 'I should read the file.', toolCalls: [{ name: 'Read', arguments: { file_path: '/home/user/project/package.json' } }] });
  const check = await runToolCallSmokeTest({ client: client(), model: 'qwen3:8b', numCtx: 32_768, keepAlive: '20m' });
  assert.deepEqual(check, { verdict: 'pass', reason: null, tool: 'Read' });
  const sent = toolRequests(ollama).at(-1)!.body as Record<string, unknown> & { options: Record<string, unknown>; tools: { type: string; function: { name: string; description: string } }[] };
  assert.equal(sent.stream, false);
  assert.equal(sent.keep_alive, '20m');
  assert.deepEqual({ temperature: sent.options.temperature, num_ctx: sent.options.num_ctx }, { temperature: 0, num_ctx: 32_768 });
  assert.equal(sent.tools.length, 1);
  assert.equal(sent.tools[0]!.type, 'function');
  assert.match(sent.tools[0]!.function.description, /Reads a file from the local filesystem/);
});

test('a model that answers in text instead of calling the tool fails, quoting what it said', async () => {
  ollama.scriptChat({ content: 'I am unable to access files on your computer, but typically package.json lists dependencies.' });
  const check = await runToolCallSmokeTest({ client: client(), model: 'qwen3:8b', numCtx: 4096 });
  assert.equal(check.verdict, 'fail');
  assert.match(check.reason ?? '', /^answered in text instead of calling Read: "I am unable to access files on your computer, but typically package\.json lists d…"$/);
});

test('Ollama refusing tools ("does not support tools") is an error verdict: the model cannot call tools', async () => {
  // Before 0.6.4 /api/show lists no capabilities, so only the request itself finds out.
  const old = await startOllamaTestServer({ models: [createTestModel('gemma2:2b', { capabilities: ['completion'] })], version: '0.5.7' });
  try {
    const check = await runToolCallSmokeTest({ client: new OllamaClient({ baseUrl: old.url }), model: 'gemma2:2b', numCtx: 4096 });
    assert.equal(check.verdict, 'error');
    assert.equal(check.reason, 'the model cannot call tools (Ollama says it "does not support tools"), so Claude Code cannot use it');
    assert.equal(toolRequests(old).length, 1);
  } finally {
    await old.close();
  }
});

test('a model whose capabilities leave out "tools" gets the same verdict without a request', async () => {
  const before = toolRequests(ollama).length;
  const check = await runToolCallSmokeTest({ client: client(), model: 'gemma2:2b', numCtx: 4096 });
  assert.equal(check.verdict, 'error');
  assert.match(check.reason ?? '', /cannot call tools \(Ollama lists its capabilities as completion, without "tools"\)/);
  assert.equal(toolRequests(ollama).length, before);
});

test('the benchmark of a model that cannot call tools still finishes, with the verdict stored', async () => {
  const result = await runOllamaBenchmark({ client: client(), model: 'gemma2:2b', runs: 1, numCtx: 4096 });
  assert.equal(result.status, 'done', result.error ?? '');
  assert.equal(result.toolCall?.verdict, 'error');
});

test('other failures of the smoke request fail the benchmark as any run would', async () => {
  ollama.scriptChat({ httpStatus: 500, httpError: 'llama runner process has terminated: signal: killed' });
  await assert.rejects(runToolCallSmokeTest({ client: client(), model: 'qwen3:8b', numCtx: 4096 }), /runner process has terminated/);
});

test('verdicts: wrong tool, missing or mistyped arguments, arguments that are not JSON, an unknown argument, running out of tokens', () => {
  assert.deepEqual(judgeToolCall(answerWith(readCall({ file_path: '/tmp/a.json', limit: 20 }))), { verdict: 'pass', reason: null, tool: 'Read' });
  assert.equal(judgeToolCall(answerWith(readCall('{"file_path": "/tmp/a.json"}'))).verdict, 'pass', 'arguments as JSON text parse');
  const reasons = [
    answerWith({ function: { name: 'Bash', arguments: { command: 'cat package.json' } } }),
    answerWith(readCall({ path: '/tmp/a.json' })),
    answerWith(readCall({})),
    answerWith(readCall({ file_path: 42 })),
    answerWith(readCall({ file_path: '/tmp/a.json', offset: 'start' })),
    answerWith(readCall({ file_path: '/tmp/a.json', encoding: 'utf8' })),
    answerWith(readCall('{file_path: /tmp/a.json')),
    answerWith(readCall(['/tmp/a.json'])),
    { message: { role: 'assistant' as const, content: '', thinking: 'Let me think about which file...' }, done_reason: 'length' },
    { message: { role: 'assistant' as const, content: '  ' }, done_reason: 'stop' },
  ].map((answer) => {
    const check = judgeToolCall(answer);
    assert.equal(check.verdict, 'fail');
    return check.reason;
  });
  assert.deepEqual(reasons, [
    'called "Bash" instead of Read',
    'called Read without the required file_path',
    'called Read without the required file_path',
    'called Read with file_path as 42, not a string',
    'called Read with offset as "start", not a number',
    'called Read with "encoding", which it does not take',
    'called Read with arguments that are not a JSON object',
    'called Read with arguments that are not a JSON object',
    'ran out of its 1024 tokens before calling Read',
    'ended without calling Read or answering',
  ]);
});
