/**
 * OLLAMA_HOST parsing, with the rules of Ollama's own envconfig.Host() so that we talk to
 * the same server the `ollama` CLI would: surrounding quotes are dropped, no scheme means
 * http, a scheme without a port means 80/443, a bare host means port 11434, and a wildcard
 * bind address is reached on loopback.
 */

export const DEFAULT_OLLAMA_PORT = 11434;
export const DEFAULT_OLLAMA_URL = `http://127.0.0.1:${DEFAULT_OLLAMA_PORT}`;

export interface OllamaHost {
  /** What clients connect to, without a trailing slash, e.g. `http://127.0.0.1:11434`. */
  baseUrl: string;
  /** What `ollama serve` is told to bind to (the OLLAMA_HOST value we pass to the child). */
  bindAddress: string;
  /**
   * True when the server is on this machine: a loopback host, or a wildcard or unset one (which
   * Ollama binds on every interface and is reached on loopback). Only then can starting a local
   * `ollama serve` bring it up; any other host is someone else's machine.
   */
  local: boolean;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

function isLoopback(host: string): boolean {
  const name = host.toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

function splitHostPort(hostPort: string): { host: string; port: string } | undefined {
  const bracketed = /^\[([^\]]+)\]:(\d*)$/.exec(hostPort);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ?? '' };
  const colon = hostPort.lastIndexOf(':');
  // More than one colon without brackets is a bare IPv6 address, which carries no port.
  if (colon < 0 || hostPort.indexOf(':') !== colon) return undefined;
  return { host: hostPort.slice(0, colon), port: hostPort.slice(colon + 1) };
}

export function parseOllamaHost(value: string | undefined): OllamaHost {
  // envconfig.Var trims spaces, then quotes that a .env file or a service definition left in.
  const trimmed = (value ?? '').trim().replace(/^["']+|["']+$/g, '').trim();
  const schemeEnd = trimmed.indexOf('://');
  let scheme = 'http';
  let defaultPort = String(DEFAULT_OLLAMA_PORT);
  let rest = trimmed;
  if (schemeEnd >= 0) {
    scheme = trimmed.slice(0, schemeEnd).toLowerCase();
    rest = trimmed.slice(schemeEnd + 3);
    if (scheme === 'http') defaultPort = '80';
    if (scheme === 'https') defaultPort = '443';
  }
  const hostPort = rest.split('/')[0] ?? '';
  const split = splitHostPort(hostPort);
  let host = split?.host ?? (hostPort === '' ? '127.0.0.1' : hostPort.replace(/^\[|\]$/g, ''));
  let port = split?.port ?? defaultPort;
  if (host === '') host = '127.0.0.1';
  const portNumber = Number(port);
  if (port === '' || !Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    host = '127.0.0.1';
    port = String(DEFAULT_OLLAMA_PORT);
  }
  const formatHost = (name: string) => (name.includes(':') ? `[${name}]` : name);
  const connectHost = WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host;
  return {
    baseUrl: `${scheme}://${formatHost(connectHost)}:${port}`,
    bindAddress: `${formatHost(host)}:${port}`,
    local: isLoopback(connectHost),
  };
}
