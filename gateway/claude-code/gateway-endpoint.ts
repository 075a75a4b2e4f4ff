/**
 * Where the gateway listens and which key it wants, for the CLI commands that run outside the
 * gateway process. Kept in one place so that it can follow gateway/config/ as that grows.
 */
import path from 'node:path';
import { parseConfigFile } from '../config/config-file.ts';
import type { GatehouseConfig } from '../config/schema.ts';
import { readIfExists } from './atomic-file.ts';
import { ClaudeCodeConfigError } from './env.ts';

export interface GatewayEndpoint {
  url: string;
  /** undefined when the config has no master_key. */
  key: string | undefined;
  /** The config file read, or null when there was none. */
  configPath: string | null;
  /** Its parsed content; undefined when there was none. */
  config: GatehouseConfig | undefined;
}

/** Reads `<dataDirectory>/config.yaml`: gatehouse.server.{host,port} and general_settings.master_key. */
export async function resolveGatewayEndpoint(dataDirectory: string, env: NodeJS.ProcessEnv): Promise<GatewayEndpoint> {
  const configPath = path.join(dataDirectory, 'config.yaml');
  const bytes = await readIfExists(configPath);
  if (bytes === undefined) return { url: 'http://127.0.0.1:4747', key: undefined, configPath: null, config: undefined };
  const parsed = parseConfigFile(configPath, bytes.toString('utf8'), env);
  if (parsed.config === undefined) {
    const first = parsed.errors[0];
    throw new ClaudeCodeConfigError(`${configPath} has errors (${first?.path}: ${first?.message}); fix it or pass --url and --key`);
  }
  const { host, port } = parsed.config.gatehouse.server;
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return { url: `http://${hostPart}:${port}`, key: parsed.config.general_settings.master_key, configPath, config: parsed.config };
}
