/**
 * The parts of undici the proxy uses, loaded from their own files. undici's entry point
 * loads all of undici (fetch, WebSocket, EventSource, mocks, caches): 8 MiB more RSS and 3 MiB
 * more heap at startup, for code the proxy never runs. undici has no `exports` map, so these
 * paths resolve; they are internal, so a new undici that moves them fails here, at startup and
 * in every test, not quietly. The types are undici's own public ones.
 */
import { createRequire } from 'node:module';
import type { Dispatcher, Pool as PoolType, ProxyAgent as ProxyAgentType, errors as ErrorsType } from 'undici';

const require = createRequire(import.meta.url);

export const Pool = require('undici/lib/dispatcher/pool.js') as typeof PoolType;
/**
 * undici whole, on first use: its ProxyAgent opens tunnels with `client.connect`, a method only
 * the entry point installs. Only a gateway behind a proxy pays for the full load.
 */
export const loadProxyAgent = (): typeof ProxyAgentType => (require('undici') as { ProxyAgent: typeof ProxyAgentType }).ProxyAgent;
export const undiciErrors = require('undici/lib/core/errors.js') as typeof ErrorsType;
const apiRequest = require('undici/lib/api/api-request.js') as (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

/** `pool.request(options)`: the entry point adds it to Dispatcher.prototype, the parts do not. */
export function requestOn(dispatcher: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(dispatcher, options);
}
