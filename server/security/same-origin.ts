import { env } from '@/server/env';

/**
 * A state-changing request must come from a page of this app. Fetch Metadata decides first:
 * browsers send `Origin: null` from pages with `Referrer-Policy: no-referrer` (the portal's), so
 * Origin is compared only when a browser sends no `Sec-Fetch-Site`. A request with neither comes
 * from no browser (curl, a test, a server); SameSite=Lax cookies keep a victim's session off
 * cross-site posts anyway, so this is the second lock, not the only one.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = request.headers.get('origin');
  if (origin && origin !== 'null') {
    const allowed = new Set([new URL(env().APP_URL).origin, new URL(request.url).origin]);
    return allowed.has(origin);
  }
  return true;
}

/**
 * CSRF for tRPC: a mutation (a POST) must be JSON and same-origin. A cross-site form or a
 * `text/plain` fetch — the two requests a hostile page can send without a CORS preflight — is
 * refused before it reaches a procedure, so it changes nothing.
 */
export function refuseCrossSiteMutation(request: Request): Response | null {
  if (request.method !== 'POST') return null;
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return Response.json({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send requests to this API as application/json.' } }, { status: 415 });
  }
  if (!isSameOrigin(request)) {
    return Response.json({ error: { code: 'FORBIDDEN', message: 'This request came from another site and was refused.' } }, { status: 403 });
  }
  return null;
}
