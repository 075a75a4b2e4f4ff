import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway, type GatewayHandle, type StartGatewayOptions } from '../../gateway/index.ts';

export const TEST_MASTER_KEY = 'sk-test-gatehouse-key';

export interface TestGateway {
  gateway: GatewayHandle;
  dataDir: string;
  configPath: string;
  logs: string[];
  stop(): Promise<void>;
}

/** Starts a real gateway on 127.0.0.1:0 with the given config YAML in a fresh temp data dir. */
export async function startTestGateway(configYaml: string, env: NodeJS.ProcessEnv = {}, host: Pick<StartGatewayOptions, 'keychainVariables' | 'claudeCodeHost'> = {}): Promise<TestGateway> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-test-'));
  const configPath = path.join(dataDir, 'config.yaml');
  writeFileSync(configPath, configYaml);
  const logs: string[] = [];
  const gateway = await startGateway({ ...host, configPath, dataDir, port: 0, env, log: (line) => logs.push(line), uiDir: undefined });
  return {
    gateway,
    dataDir,
    configPath,
    logs,
    async stop() {
      await gateway.close({ graceMs: 1000 });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Two groups on one mock: `claude-mock` served by its Anthropic side, `gpt-mock` by its OpenAI side. */
export function twoProtocolConfig(upstreamUrl: string, extra = ''): string {
  return `
model_list:
  - model_name: claude-mock
    litellm_params: { model: anthropic/claude-upstream, api_base: ${upstreamUrl}, api_key: sk-ant-planted-secret-0123456789 }
    model_info: { id: anthropic-mock, route: anthropic }
  - model_name: gpt-mock
    litellm_params: { model: openai/gpt-upstream, api_base: ${upstreamUrl}/v1, api_key: sk-openai-planted-secret-0123456789 }
    model_info: { id: openai-mock, route: openai }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
${extra}`;
}

/** twoProtocolConfig with one fallback: requests for group `from` that fail go on to group `to`. */
export function twoProtocolConfigFallingBack(from: string, to: string): (upstreamUrl: string) => string {
  return (upstreamUrl) => twoProtocolConfig(upstreamUrl).replace('router_settings: { num_retries: 0 }', `router_settings: { num_retries: 0, fallbacks: [{ ${from}: [${to}] }] }`);
}
