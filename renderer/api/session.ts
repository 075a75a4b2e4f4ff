import type { GatehouseBridge } from '../../electron/ipc/contract.ts';

export interface AdminConnection {
  baseUrl: string;
  /** Kept in memory only, and only on desktop where the bridge hands it over. */
  token: string | null;
  /** Set when the desktop app had to use another port than the configured one. */
  notice: string | null;
}

interface SessionEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  bridge: GatehouseBridge | undefined;
  fetch: typeof fetch;
}

/** Reads `token` from a `#token=…` (or `#/page&token=…`) fragment. */
export function tokenFromFragment(hash: string): string | null {
  const match = /[#&?]token=([^&]+)/.exec(hash);
  return match?.[1] === undefined ? null : decodeURIComponent(match[1]);
}

/** Trades an admin token for the HttpOnly session cookie. */
export async function exchangeToken(baseUrl: string, token: string, fetchImpl: typeof fetch): Promise<void> {
  const response = await fetchImpl(`${baseUrl}/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ token }),
  });
  if (!response.ok) throw new Error(`The dashboard token was refused (HTTP ${response.status}). Open the link the gateway printed at start.`);
}

/**
 * Establishes who we are before the first admin call. The token from the URL fragment is traded
 * for an HttpOnly session cookie and then wiped from the address bar and history, so it never
 * lands in a query string, a log or a bookmark. The desktop app's token comes from the preload and
 * is exchanged the same way, because EventSource cannot send an Authorization header.
 */
export async function openAdminSession({ location, history, bridge, fetch: fetchImpl }: SessionEnvironment): Promise<AdminConnection> {
  const desktop = bridge === undefined ? null : await bridge.connection();
  const fragmentToken = tokenFromFragment(location.hash);
  if (fragmentToken !== null) {
    const page = location.hash.replace(/[#&?]?token=[^&]*/, '').replace(/^#?/, '');
    history.replaceState(null, '', `${location.pathname}${location.search}#${page === '' ? '/overview' : page}`);
  }
  const token = desktop?.adminToken ?? fragmentToken;
  const baseUrl = desktop === null ? '' : new URL(desktop.adminUrl).origin;
  if (token !== null) await exchangeToken(baseUrl, token, fetchImpl);
  return { baseUrl, token: desktop?.adminToken ?? null, notice: desktop?.portNotice ?? null };
}
