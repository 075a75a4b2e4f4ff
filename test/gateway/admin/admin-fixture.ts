/** A real gateway over the mock upstream, and a fetch that speaks to its admin API. */
import { startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, twoProtocolConfig, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

export const PLANTED_SECRETS = ['sk-ant-planted-secret-0123456789', 'sk-openai-planted-secret-0123456789', TEST_MASTER_KEY];

export interface AdminFixture {
  upstream: MockUpstream;
  test: TestGateway;
  url: string;
  token: string;
  /** Every admin answer body seen, to check none leaks a secret. */
  seenBodies: string[];
  admin(path: string, init?: RequestInit & { json?: unknown }): Promise<{ status: number; headers: Headers; text: string; body: unknown }>;
  proxyMessage(model: string, stream?: boolean): Promise<Response>;
  stop(): Promise<void>;
}

export async function startAdminFixture(extraConfig = ''): Promise<AdminFixture> {
  const upstream = await startMockUpstream();
  const test = await startTestGateway(twoProtocolConfig(upstream.url, extraConfig));
  const { url, adminToken: token } = test.gateway;
  const seenBodies: string[] = [];
  return {
    upstream,
    test,
    url,
    token,
    seenBodies,
    async admin(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization') && !headers.has('cookie')) headers.set('authorization', `Bearer ${token}`);
      if (init.json !== undefined) headers.set('content-type', 'application/json');
      const response = await fetch(`${url}${path}`, { ...init, headers, body: init.json === undefined ? init.body : JSON.stringify(init.json) });
      const text = await response.text();
      seenBodies.push(text);
      const isJson = response.headers.get('content-type')?.startsWith('application/json') === true;
      return { status: response.status, headers: response.headers, text, body: isJson ? JSON.parse(text) : undefined };
    },
    proxyMessage(model, stream = false) {
      return fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': TEST_MASTER_KEY },
        body: JSON.stringify({ model, max_tokens: 32, stream, messages: [{ role: 'user', content: 'hi' }] }),
      });
    },
    async stop() {
      await test.stop();
      await upstream.close();
    },
  };
}
