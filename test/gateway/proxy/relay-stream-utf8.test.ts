import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openaiTextStream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, twoProtocolConfig, type TestGateway } from '../../helpers/start-test-gateway.ts';
import { postChat } from '../../helpers/gateway-requests.ts';
import { assertAnthropicSse } from '../../helpers/assert-anthropic-stream.ts';

// Accents, a dash, CJK and an emoji: 2-, 3- and 4-byte UTF-8 sequences.
const TEXT = 'héllo wörld — 日本語のテキスト 🎉🎉 fin';

/** An OpenAI upstream whose stream arrives 3 bytes at a time, so chunks end inside characters. */
function startSplittingUpstream(): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const bytes = Buffer.from(openaiTextStream(TEXT).join(''), 'utf8');
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      let offset = 0;
      const next = () => {
        if (offset >= bytes.length) return void response.end();
        response.write(bytes.subarray(offset, offset + 3));
        offset += 3;
        setTimeout(next, 1);
      };
      next();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const textOfAnthropicStream = (sse: string) => sse.split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as { delta?: { text?: string } }).map((event) => event.delta?.text ?? '').join('');
const textOfOpenAIStream = (sse: string) => sse.split('\n').filter((line) => line.startsWith('data: {')).map((line) => JSON.parse(line.slice(6)) as { choices: { delta?: { content?: string } }[] }).map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');

let upstream: Server;
let harness: TestGateway;
before(async () => {
  upstream = await startSplittingUpstream();
  harness = await startTestGateway(twoProtocolConfig(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`));
});
after(async () => {
  await harness.stop();
  await new Promise((resolve) => upstream.close(resolve));
});

test('characters split across upstream chunks arrive whole, translated and passed through', async () => {
  const translated = await postChat(harness.gateway.url, 'anthropic', { model: 'gpt-mock', stream: true });
  assert.equal(translated.status, 200);
  assert.equal(textOfAnthropicStream(translated.text), TEXT);
  assertAnthropicSse(translated.text);
  assert.doesNotMatch(translated.text, /\uFFFD/);

  const passedThrough = await postChat(harness.gateway.url, 'openai', { model: 'gpt-mock', stream: true });
  assert.equal(passedThrough.status, 200);
  assert.equal(textOfOpenAIStream(passedThrough.text), TEXT);
  assert.doesNotMatch(passedThrough.text, /"choices":\[\]/, 'the usage chunk the client did not ask for is taken out, split as it arrived');
  assert.match(passedThrough.text, /data: \[DONE\]\n\n$/);
});
