import { NextResponse, type NextRequest } from 'next/server';
import { baseSecurityHeaders, contentSecurityPolicy, newNonce, ownsItsPolicy } from '@/server/security/headers';

/**
 * Runs before every page and route: a fresh CSP nonce per request (handed to Next.js through the
 * request's own CSP header, which it reads to stamp its scripts) and the security headers.
 */
export function proxy(request: NextRequest) {
  const production = process.env.NODE_ENV === 'production';
  const https = (process.env.APP_URL ?? request.nextUrl.origin).startsWith('https:');
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: !production, https });
  const own = ownsItsPolicy(request.nextUrl.pathname);

  const requestHeaders = new Headers(request.headers);
  if (!own) {
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('content-security-policy', csp);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(baseSecurityHeaders({ production }))) {
    if (own && name === 'referrer-policy') continue;
    response.headers.set(name, value);
  }
  if (!own) response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Static build files carry no HTML; everything else (pages, route handlers, the API) gets headers.
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico).*)'],
};
