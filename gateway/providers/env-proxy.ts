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

export const withoutCredentials = (value: string): string => value.replace(/\/\/[^@/]*@/, '//***@');

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((total, part) => total * 256 + Number(part), 0);
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
    const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(pattern);
    if (cidr !== null) {
      const network = ipv4ToNumber(cidr[1]!);
      const address = ipv4ToNumber(hostname);
      const bits = Number(cidr[2]);
      if (network !== undefined && address !== undefined && bits <= 32) {
        const size = 2 ** (32 - bits);
        if (Math.floor(address / size) === Math.floor(network / size)) return true;
      }
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
