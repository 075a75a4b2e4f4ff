/**
 * The proxy an upstream request goes through, read from the environment as curl, undici and
 * Claude Code read it: `https_proxy`/`HTTPS_PROXY` for https origins, `http_proxy`/`HTTP_PROXY`
 * for http, `all_proxy`/`ALL_PROXY` for either, the lowercase name first; `no_proxy`/`NO_PROXY`
 * exempts hosts. A developer behind a corporate proxy has these set for every other tool, and an
 * upstream the gateway cannot reach without them is a dead route.
 *
 * Loopback is always reached directly, whatever NO_PROXY says: it is Ollama or a local server
 * on this machine, and a proxy elsewhere cannot reach this machine's 127.0.0.1.
 */
import { isIP } from 'node:net';
import { GatewayError } from '../errors/index.ts';

export interface UpstreamProxy {
  /** The proxy as given, credentials included (undici sends them as Proxy-Authorization). */
  url: string;
  /** The variable it came from, for messages. */
  variable: string;
  /** The proxy without credentials, for messages and logs. */
  display: string;
}

const PROXY_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'socks:', 'socks5:']);

/** The variables that name a proxy for this scheme, in the order they are honoured. */
export function proxyVariableNames(scheme: 'http' | 'https'): string[] {
  return [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, 'all_proxy', 'ALL_PROXY'];
}

export const NO_PROXY_VARIABLES = ['no_proxy', 'NO_PROXY'] as const;

/** `scheme://user:password@host` and the scheme-less `user:password@host` curl also accepts, with the credentials masked. */
export const withoutCredentials = (value: string): string => value.replace(/^([a-z][a-z\d+.-]*:\/\/)?[^@/\s]*@/i, '$1***@');

/** An IP address as a number with its width in bits, so that prefixes and spellings (`::1`, `0:0::1`) compare. */
function ipAddress(text: string): { bits: 32 | 128; value: bigint } | undefined {
  const family = isIP(text);
  if (family === 4) return { bits: 32, value: text.split('.').reduce((total, part) => (total << 8n) + BigInt(part), 0n) };
  if (family !== 6) return undefined;
  // An embedded IPv4 tail (::ffff:10.0.0.1) is two groups.
  const groupsOf = (part: string): number[] => (part === '' ? [] : part.split(':').flatMap((group) => {
    if (!group.includes('.')) return [parseInt(group, 16)];
    const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
    return [a * 256 + b, c * 256 + d];
  }));
  const [head = '', tail] = text.split('::');
  const headGroups = groupsOf(head);
  const tailGroups = tail === undefined ? [] : groupsOf(tail);
  const groups = [...headGroups, ...Array<number>(8 - headGroups.length - tailGroups.length).fill(0), ...tailGroups];
  return { bits: 128, value: groups.reduce((total, group) => (total << 16n) + BigInt(group), 0n) };
}

/** Whether `pattern` (an address, or address/prefix as curl accepts in NO_PROXY) covers `host`, when both are IP addresses of one family. */
function addressCovers(pattern: string, host: string): boolean | undefined {
  const [network = '', prefix] = pattern.split('/');
  const range = ipAddress(network);
  const address = ipAddress(host);
  if (range === undefined || address === undefined) return undefined;
  if (range.bits !== address.bits) return false;
  const bits = prefix === undefined ? range.bits : Number(prefix);
  if (!Number.isInteger(bits) || bits < 0 || bits > range.bits) return false;
  const shift = BigInt(range.bits - bits);
  return range.value >> shift === address.value >> shift;
}

/** `[::1]:80`, `::1`, `host:80`, `host` → host and optional port. */
function splitHostPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed !== null) return [bracketed[1]!, bracketed[2]];
  if (entry.split(':').length > 2) return [entry, undefined];
  const [host = '', port] = entry.split(':');
  return [host, port];
}

/** Whether a NO_PROXY list exempts host:port, in the forms curl, Node and Bun accept. */
export function noProxyCovers(noProxy: string, host: string, port: string): boolean {
  const hostname = host.replace(/^\[|\]$/g, '').toLowerCase();
  for (const rawEntry of noProxy.split(/[,\s]+/)) {
    const entry = rawEntry.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const [pattern, entryPort] = splitHostPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    const covered = addressCovers(pattern, hostname);
    if (covered !== undefined || pattern.includes('/')) {
      if (covered === true) return true;
      continue;
    }
    const domain = pattern.replace(/^\*?\./, '');
    if (hostname === domain || hostname.endsWith(`.${domain}`)) return true;
  }
  return false;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const firstSet = (env: NodeJS.ProcessEnv, names: readonly string[]) => names.map((name) => ({ name, value: env[name]?.trim() })).find(({ value }) => value);

/** The proxy for requests to `origin`, or undefined to connect directly. Throws when the variable holds no usable proxy URL. */
export function upstreamProxyFor(origin: string, env: NodeJS.ProcessEnv): UpstreamProxy | undefined {
  const target = new URL(origin);
  if (isLoopback(target.hostname)) return undefined;
  const https = target.protocol === 'https:';
  const found = firstSet(env, proxyVariableNames(https ? 'https' : 'http'));
  if (found === undefined) return undefined;
  const noProxy = firstSet(env, NO_PROXY_VARIABLES);
  const port = target.port !== '' ? target.port : https ? '443' : '80';
  if (noProxy !== undefined && noProxyCovers(noProxy.value!, target.hostname, port)) return undefined;
  // curl and undici's EnvHttpProxyAgent take `proxy.corp:3128` as http://proxy.corp:3128.
  const value = /^[a-z][a-z\d+.-]*:\/\//i.test(found.value!) ? found.value! : `http://${found.value}`;
  let proxy: URL | undefined;
  try {
    proxy = new URL(value);
  } catch {
    proxy = undefined;
  }
  if (proxy === undefined || !PROXY_SCHEMES.has(proxy.protocol)) {
    throw new GatewayError('provider_unreachable', 502, `${found.name}=${withoutCredentials(found.value!)} is not a proxy URL Gatehouse can use (http://, https:// or socks5://host:port); fix it, or add ${target.hostname} to NO_PROXY to connect directly.`);
  }
  return { url: proxy.href, variable: found.name, display: withoutCredentials(proxy.href) };
}
