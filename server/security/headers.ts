/**
 * Security headers for every HTML response (set by proxy.ts). Pages get a Content-Security-Policy
 * with a nonce made for that one request: Next.js puts it on its own scripts, and 'strict-dynamic'
 * lets those load the rest, so an injected script without the nonce never runs.
 */
export function contentSecurityPolicy(nonce: string, { dev, https }: { dev: boolean; https: boolean }): string {
  const directives = [
    `default-src 'self'`,
    // React's development build evaluates code for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    // Style attributes (charts, progress bars) are inline; styles cannot run code.
    `style-src 'self' 'unsafe-inline'`,
    // Agencies' logos are https URLs of their own.
    `img-src 'self' data: blob: https:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** The headers besides the CSP, on every response the proxy sees. */
export function baseSecurityHeaders({ production }: { production: boolean }): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
    'cross-origin-opener-policy': 'same-origin',
    // Production only: browsers ignore it over plain http, and `npm run dev` must not pin localhost to https.
    ...(production ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/** Route handlers that write their own, stricter policy and referrer rules (zero-JS portal pages). */
export function ownsItsPolicy(pathname: string): boolean {
  return pathname === '/portal' || pathname.startsWith('/portal/') || pathname.startsWith('/p/') || pathname.startsWith('/unsubscribe/');
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
