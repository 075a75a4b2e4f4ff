import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdminRoutes } from '../../../gateway/server/admin-routes.ts';
import type { AdminContext, AdminOperations } from '../../../gateway/admin/admin-api.ts';

const ADMIN_TOKEN = 'admin-token-for-the-routes-test-0123456789';
const PROVIDER_KEY = 'sk-ant-held-by-the-gateway-0123456789';

/** The admin routes over a runtime stand-in, with the one operation a test needs. */
async function serveAdmin(operations: Partial<AdminOperations>) {
  const logs: string[] = [];
  const runtime = { adminToken: ADMIN_TOKEN, listeningPort: 0, listeningUrl: '', secrets: () => [PROVIDER_KEY, ADMIN_TOKEN] };
  const handle = createAdminRoutes({ context: { runtime } as unknown as AdminContext, operations: operations as AdminOperations, log: (line) => logs.push(line) });
  const server = createServer((request, response) => void handle(request, response, new URL(request.url ?? '/', 'http://127.0.0.1')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtime.listeningPort = (server.address() as AddressInfo).port;
  runtime.listeningUrl = url;
  return { url, logs, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('an internal error on an admin route is logged with the secrets in its message and stack masked', async () => {
  const admin = await serveAdmin({
    status: () => {
      throw new Error(`could not reach the upstream with ${PROVIDER_KEY}`);
    },
  });
  try {
    const response = await fetch(`${admin.url}/admin/status`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(response.status, 500);
    assert.ok(!(await response.text()).includes(PROVIDER_KEY));
    assert.equal(admin.logs.length, 1);
    assert.match(admin.logs[0]!, /internal error on GET \/admin\/status: Error: could not reach the upstream with sk-a…6789\n/);
    assert.ok(!admin.logs[0]!.includes(PROVIDER_KEY), admin.logs[0]);
  } finally {
    await admin.close();
  }
});
