import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The dashboard may talk only to this origin; no inline script, no framing (clickjacking). */
export const DASHBOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Serves the built renderer under /ui; unknown paths get index.html (client-side routes). */
export function createStaticUiHandler(uiDir: string) {
  const root = path.resolve(uiDir);
  return async function serveUi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/ui') {
      response.writeHead(308, { location: '/ui/' });
      response.end();
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname.slice('/ui/'.length));
    } catch {
      relative = '';
    }
    let file = path.resolve(root, relative || 'index.html');
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) file = path.join(root, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('The dashboard has not been built yet: run `npm run build:ui` (npm run serve does it for you).\n');
      return;
    }
    const isIndex = file.endsWith('index.html');
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': DASHBOARD_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file).pipe(response);
  };
}
