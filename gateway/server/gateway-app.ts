import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyServices } from '../proxy/handle-proxy-request.ts';

export interface ModelListing {
  id: string;
  createdAt: number;
  ownedBy: string;
}

export interface ReadinessReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail: string }>;
}

/** What the HTTP layer needs from the running gateway; assembled by gateway/index.ts. */
export interface GatewayApp {
  proxy: ProxyServices;
  masterKey(): string | undefined;
  maxBodyBytes(): number;
  /** Browser origins allowed to call the proxy API (gatehouse.server.allowed_origins). */
  allowedOrigins(): readonly string[];
  models(): ModelListing[];
  readiness(): ReadinessReport;
  metrics(): Promise<{ contentType: string; body: string }>;
  /** /admin/*: JSON + SSE for the dashboard. Resolves once it has answered. */
  admin?(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void>;
  /** /ui: the built dashboard. */
  ui?(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void>;
  /** Lines for the gateway log (never secrets). */
  log(line: string): void;
}
