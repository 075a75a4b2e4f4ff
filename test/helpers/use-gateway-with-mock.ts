import { after, before } from 'node:test';
import { startMockUpstream, type MockUpstream } from './mock-upstream.ts';
import { startTestGateway, twoProtocolConfig, type TestGateway } from './start-test-gateway.ts';

export interface GatewayWithMock {
  readonly upstream: MockUpstream;
  readonly harness: TestGateway;
}

/**
 * Registers hooks in the current file or describe block that start a mock upstream and a
 * gateway in front of it (two deployments, one per protocol, unless `config` says otherwise)
 * and stop both afterwards, the gateway reading `env` (which may name the mock's URL). Read the
 * fields inside tests, once the hooks have run.
 */
export function useGatewayWithMock(config: (upstreamUrl: string) => string = twoProtocolConfig, env: (upstreamUrl: string) => NodeJS.ProcessEnv = () => ({})): GatewayWithMock {
  let upstream: MockUpstream | undefined;
  let harness: TestGateway | undefined;
  before(async () => {
    upstream = await startMockUpstream();
    harness = await startTestGateway(config(upstream.url), env(upstream.url));
  });
  after(async () => {
    await harness?.stop();
    await upstream?.close();
  });
  return {
    get upstream() {
      if (!upstream) throw new Error('useGatewayWithMock: read upstream inside a test');
      return upstream;
    },
    get harness() {
      if (!harness) throw new Error('useGatewayWithMock: read harness inside a test');
      return harness;
    },
  };
}
