import { NextResponse, type NextRequest } from 'next/server';
import { baseSecurityHeaders, contentSecurityPolicy, newNonce, ownsItsPolicy } from '@/server/security/headers';
import { malformedAddress, malformedAddressResponse } from '@/server/security/malformed-request';

/**
 * Runs before every page and route: refuses an address no route can have (a 400 that says why,
 * before Next.js fails to decode it or a NUL reaches a query), then a fresh CSP nonce per request
 * (handed to Next.js through the request's own CSP header, which it reads to stamp its scripts)
 * and the security headers.
 */
export function proxy(request: NextRequest) {
  const production = process.env.NODE_ENV === 'production';
  const https = (process.env.APP_URL ?? request.nextUrl.origin).startsWith('https:');
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: !production, https });

  const malformed = malformedAddress(request.nextUrl);
  if (malformed) {
    const refused = malformedAddressResponse(malformed, { html: (request.headers.get('accept') ?? '').includes('text/html') });
    for (const [name, value] of Object.entries(baseSecurityHeaders({ production }))) if (!refused.headers.has(name)) refused.headers.set(name, value);
    refused.headers.set('content-security-policy', csp);
    return refused;
  }
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
