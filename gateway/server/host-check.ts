/**
 * The DNS-rebinding defence. A web page can point a domain it owns at 127.0.0.1 and then call the
 * gateway as if it were its own origin, but the browser still sends that domain as Host. Answering
 * only Host values that name loopback (or the address the user chose to bind) on our port takes
 * that away, as Jupyter and Ollama do.
 */
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { GatewayError } from '../errors/index.ts';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::']);
/** Enough of a refused Host to recognise it in the error, without echoing a 64 KiB header back. */
const MAX_ECHOED_HOST_LENGTH = 100;

export const isLoopbackHost = (host: string) => LOOPBACK_NAMES.has(host.toLowerCase()) || (isIP(host) === 4 && host.startsWith('127.'));

/**
 * Names besides loopback that requests may address when the gateway is bound to `bindHost`:
 * none on loopback, the bound name itself, or for a wildcard bind every address of this machine.
 */
export function extraHostNames(bindHost: string): ReadonlySet<string> {
  if (isLoopbackHost(bindHost)) return new Set();
  if (!WILDCARD_ADDRESSES.has(bindHost)) return new Set([bindHost.toLowerCase()]);
  const names = new Set([hostname().toLowerCase()]);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) names.add(address.address.toLowerCase());
  }
  return names;
}

/** `name[:port]` or `[ipv6][:port]`, the name lower-cased and unbracketed; no port means 80. */
function parseHostHeader(header: string): { name: string; port: number } | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/i.exec(header);
  if (!match) return undefined;
  return { name: (match[1] ?? match[2]!).toLowerCase(), port: match[3] === undefined ? 80 : Number(match[3]) };
}

/** Throws 403 unless `header` names loopback (or one of `extraNames`) with the port the request arrived on. */
export function checkHostHeader(header: string | undefined, port: number, extraNames: ReadonlySet<string>): void {
  const parsed = header === undefined ? undefined : parseHostHeader(header);
  if (parsed !== undefined && parsed.port === port && (isLoopbackHost(parsed.name) || extraNames.has(parsed.name))) return;
  const shown = header === undefined ? 'a missing Host header' : `Host ${JSON.stringify(header.slice(0, MAX_ECHOED_HOST_LENGTH))}`;
  throw new GatewayError(
    'caller_forbidden',
    403,
    `Refused a request with ${shown}: Gatehouse answers only requests addressed to localhost, 127.0.0.1 or [::1] on port ${port}${extraNames.size > 0 ? ' (or the address it is bound to)' : ''}. This stops web pages from reaching it through DNS rebinding; use http://127.0.0.1:${port} as the base URL.`,
  );
}

/**
 * The base URL for clients on this machine (the desktop window, the printed dashboard link).
 * A wildcard bind is reached through loopback: 0.0.0.0 or [::] sent as Host is refused above,
 * and browsers block navigating to 0.0.0.0.
 */
export function localBaseUrl(address: string, port: number): string {
  if (address === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (address === '::') return `http://[::1]:${port}`;
  return `http://${isIP(address) === 6 ? `[${address}]` : address}:${port}`;
}
