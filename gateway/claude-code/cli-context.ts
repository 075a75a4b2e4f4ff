/** What the configure-claude and doctor commands share: argument parsing and finding the gateway. */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDataDir } from '../config/data-dir.ts';
import type { GatehouseConfig } from '../config/schema.ts';
import type { CliIo } from '../cli/cli-io.ts';
import { ClaudeCodeConfigError } from './env.ts';
import { resolveGatewayEndpoint } from './gateway-endpoint.ts';
import { homeDirectory } from './rc-file.ts';

export const ENDPOINT_OPTIONS = {
  url: { type: 'string' },
  key: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** parseArgs, with its unknown-flag and missing-value errors turned into a UsageError. */
export function parseCommandArgs<Options extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface CommandLocations {
  home: string;
  platform: NodeJS.Platform;
  dataDirectory: string;
  /** Backups and the undo journal of configure-claude. */
  stateDirectory: string;
}

export function resolveLocations(values: { 'data-dir'?: string }, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): CommandLocations {
  const home = homeDirectory(env, platform);
  const dataDirectory = path.resolve(values['data-dir'] ?? defaultDataDir(platform, env, home));
  return { home, platform, dataDirectory, stateDirectory: path.join(dataDirectory, 'claude-code') };
}

/**
 * --url and --key win; otherwise the data directory's config.yaml says where the gateway is.
 * `config` is that file's content when the gateway it describes is the one used.
 */
export async function resolveGateway(values: { url?: string; key?: string }, dataDirectory: string, env: NodeJS.ProcessEnv): Promise<{ gatewayUrl: string; gatewayKey: string; config: GatehouseConfig | undefined }> {
  const endpoint = values.url === undefined || values.key === undefined ? await resolveGatewayEndpoint(dataDirectory, env) : undefined;
  const gatewayKey = values.key ?? endpoint?.key;
  if (gatewayKey === undefined || gatewayKey === '') {
    const where = endpoint?.configPath ?? path.join(dataDirectory, 'config.yaml');
    throw new ClaudeCodeConfigError(`no gateway key: pass --key, or set general_settings.master_key in ${where}`);
  }
  return { gatewayUrl: values.url ?? endpoint!.url, gatewayKey, config: values.url === undefined ? endpoint?.config : undefined };
}

/** Exit codes: 2 for a usage mistake, 1 for anything that went wrong while doing the work. */
export function reportFailure(error: unknown, io: CliIo, usage: string): number {
  if (error instanceof UsageError) {
    io.stderr.write(`${error.message}\n\n${usage}`);
    return 2;
  }
  io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}
