/**
 * Raw fetch calls against a test gateway, for tests that look at status codes, headers and
 * the request id rather than at what an SDK makes of them.
 */
import type { RequestRecord } from '../../gateway/store/log-store.ts';
import { TEST_MASTER_KEY, type TestGateway } from './start-test-gateway.ts';

export interface GatewayReply {
  status: number;
  requestId: string | null;
  text: string;
}

/** One POST to /v1/messages (Anthropic headers) or /v1/chat/completions, read to the end. */
export async function postChat(baseUrl: string, protocol: 'anthropic' | 'openai', body: Record<string, unknown>): Promise<GatewayReply> {
  const anthropic = protocol === 'anthropic';
  const response = await fetch(`${baseUrl}${anthropic ? '/v1/messages' : '/v1/chat/completions'}`, {
    method: 'POST',
    headers: anthropic
      ? { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }
      : { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
  return { status: response.status, requestId: response.headers.get('x-gatehouse-request-id'), text: await response.text() };
}

export interface Readiness {
  status: number;
  body: { status: string; ok: boolean; checks: Record<string, { ok: boolean; detail: string }> };
}

export async function readiness(baseUrl: string): Promise<Readiness> {
  const response = await fetch(`${baseUrl}/health/readiness`);
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
}

/** Polls `check` every 50 ms until it returns true; fails after `timeoutMs` with `what`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The log's record of a reply (found by its x-gatehouse-request-id), once it has been written. */
export async function recordOf(harness: TestGateway, reply: GatewayReply): Promise<RequestRecord> {
  const id = reply.requestId;
  if (!id) throw new Error(`the reply names no request (status ${reply.status}): ${reply.text.slice(0, 200)}`);
  const logStore = harness.gateway.runtime.logStore;
  await waitFor(`the record of ${id}`, () => logStore.get(id) !== undefined);
  return logStore.get(id)!;
}

/** The error events of a streamed reply in the client's protocol: `event: error` (Anthropic) or `data: {"error": …}` (OpenAI). */
export function streamErrorEvents(protocol: 'anthropic' | 'openai', sse: string): string[] {
  const start = protocol === 'anthropic' ? 'event: error\n' : 'data: {"error"';
  return sse.split('\n\n').filter((event) => event.startsWith(start));
}
