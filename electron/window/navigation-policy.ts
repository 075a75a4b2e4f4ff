/** True when `target` is a page of the dashboard itself: same origin, under /ui/. */
export function isDashboardUrl(target: string, dashboardOrigin: string): boolean {
  try {
    const url = new URL(target);
    return url.origin === dashboardOrigin && (url.pathname === '/ui' || url.pathname.startsWith('/ui/'));
  } catch {
    return false;
  }
}

/** Links the dashboard may hand to the system browser (docs, ollama.com): https only, never file: or custom schemes. */
export function isExternalLinkAllowed(target: string): boolean {
  try {
    return new URL(target).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Defence in depth on top of the gateway's own header: the window enforces the same policy. */
export function dashboardCsp(dashboardOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${dashboardOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}
