import { execFile } from 'node:child_process';
import { GatewayError } from '../../errors/index.ts';
import { COGNITIVE_SERVICES_RESOURCE, type TokenFetch } from './entra-sign-in.ts';

/**
 * The developer's own Azure CLI sign-in (`az login`), as DefaultAzureCredential's AzureCliCredential
 * uses it: `az account get-access-token` prints a token for the resource, and signs in again by
 * itself while the CLI's session lasts.
 * @see https://learn.microsoft.com/cli/azure/account#az-account-get-access-token
 */

export interface AzureCliOutput {
  stdout: string;
  stderr: string;
}

/** Runs `az` with the arguments; rejects with the process error (code ENOENT, exit code, killed) and its stderr. */
export type AzureCliRun = (args: readonly string[]) => Promise<AzureCliOutput>;

const CLI_TIMEOUT_MS = 60_000;

export function runAzureCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<AzureCliOutput> {
  // On Windows az is a .cmd script, which Node starts only through a shell; the arguments are fixed or checked.
  const windows = process.platform === 'win32';
  return new Promise((resolve, reject) => {
    execFile(windows ? 'az.cmd' : 'az', args, { env, timeout: CLI_TIMEOUT_MS, windowsHide: true, shell: windows }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/** A tenant id or domain; anything else would reach a shell on Windows. */
const TENANT = /^[\w.-]+$/;

interface CliToken {
  accessToken?: unknown;
  /** Epoch seconds (CLI 2.54 and later). */
  expires_on?: unknown;
  /** Local time, "2026-12-02 14:05:31.000000" (every version). */
  expiresOn?: unknown;
}

function expiryOf(token: CliToken): number {
  if (typeof token.expires_on === 'number') return token.expires_on * 1000;
  if (typeof token.expires_on === 'string' && /^\d+$/.test(token.expires_on)) return Number(token.expires_on) * 1000;
  return typeof token.expiresOn === 'string' ? new Date(token.expiresOn.replace(' ', 'T')).getTime() : Number.NaN;
}

const failure = (why: string): GatewayError => new GatewayError('provider_unauthenticated', 502, `The Azure CLI could not give Gatehouse a token for Azure: ${why}`);

/** The CLI's first ERROR line, without its prefix: "Please run 'az login' to setup account." */
function cliReason(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const error = lines.find((line) => line.startsWith('ERROR:')) ?? lines[0] ?? 'it failed without saying why';
  return error.replace(/^ERROR:\s*/, '').replace(/\.$/, '');
}

export function azureCliSignIn(tenantId: string | undefined, run: AzureCliRun): TokenFetch {
  if (tenantId !== undefined && !TENANT.test(tenantId)) throw new Error(`tenant "${tenantId}" is not a tenant id or domain`);
  const args = ['account', 'get-access-token', '--resource', COGNITIVE_SERVICES_RESOURCE, '--output', 'json', ...(tenantId === undefined ? [] : ['--tenant', tenantId])];
  return async () => {
    let output: AzureCliOutput;
    try {
      output = await run(args);
    } catch (error) {
      const { code, killed, stderr } = error as { code?: unknown; killed?: boolean; stderr?: string };
      if (code === 'ENOENT') throw failure('az is not installed, or not on the PATH Gatehouse was started with. Install the Azure CLI and run `az login`, or give the deployment an api_key, or tenant_id, client_id and client_secret.');
      if (killed === true) throw failure(`\`az account get-access-token\` did not finish within ${CLI_TIMEOUT_MS / 1000} s.`);
      throw failure(`${cliReason(stderr ?? '')}. Run \`az login${tenantId === undefined ? '' : ` --tenant ${tenantId}`}\` in a terminal; the next request asks again.`);
    }
    let token: CliToken;
    try {
      token = JSON.parse(output.stdout) as CliToken;
    } catch {
      throw failure(`\`az account get-access-token\` printed something other than JSON: ${output.stdout.slice(0, 200)}`);
    }
    const expiresAt = expiryOf(token);
    if (typeof token.accessToken !== 'string' || token.accessToken === '' || !Number.isFinite(expiresAt)) {
      throw failure('`az account get-access-token` printed no token with an expiry time.');
    }
    return { value: token.accessToken, expiresAt };
  };
}
