import { randomBytes } from 'node:crypto';
import { env } from '@/server/env';
import { PORTAL_CSS_VERSION, renderPortalMessagePage, type PortalMessageKind } from './_view';
import type { PortalAgency } from '@/server/services/portal/exchange-portal-token';
import { PORTAL_COOKIE } from '@/server/services/portal/portal-token';

export const PORTAL_PATH = '/portal';
export const PORTAL_CSS_HREF = `${PORTAL_PATH}/styles.css?v=${PORTAL_CSS_VERSION}`;

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Every portal response: never cached, never indexed, never leaks its URL as a referrer, and runs
 * no script at all (the portal needs none).
 */
export function portalHeaders(nonce: string): Headers {
  return new Headers({
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-robots-tag': 'noindex, nofollow',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': `default-src 'none'; style-src 'self' 'nonce-${nonce}'; img-src 'self' https: data:; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
  });
}

export function html(body: string, status: number, nonce: string, extra?: Record<string, string>): Response {
  const headers = portalHeaders(nonce);
  for (const [k, v] of Object.entries(extra ?? {})) headers.set(k, v);
  return new Response(body, { status, headers });
}

const STATUS: Record<PortalMessageKind, number> = {
  // Unknown, expired and revoked links are one page with one status, so none can be told apart.
  invalid: 404,
  archived: 410,
  rate_limited: 429,
  too_many_submissions: 429,
  forbidden: 403,
};

export async function messagePage(
  kind: PortalMessageKind,
  options: { retryAfterSeconds?: number; agency?: PortalAgency; clearCookie?: boolean } = {},
): Promise<Response> {
  const nonce = newNonce();
  const page = await renderPortalMessagePage({ kind, nonce, cssHref: PORTAL_CSS_HREF, retryAfterSeconds: options.retryAfterSeconds, agency: options.agency });
  const response = html(page, STATUS[kind], nonce, options.retryAfterSeconds ? { 'retry-after': String(options.retryAfterSeconds) } : undefined);
  if (options.clearCookie) response.headers.append('set-cookie', clearedPortalCookie());
  return response;
}

function secureCookies(): boolean {
  return new URL(env().APP_URL).protocol === 'https:';
}

/** HttpOnly and SameSite=Lax: no script reads it and no other site can post with it. */
export function portalCookie(value: string, expiresAt: Date): string {
  const parts = [`${PORTAL_COOKIE}=${value}`, `Path=${PORTAL_PATH}`, `Expires=${expiresAt.toUTCString()}`, 'HttpOnly', 'SameSite=Lax'];
  if (secureCookies()) parts.push('Secure');
  return parts.join('; ');
}

export function clearedPortalCookie(): string {
  const parts = [`${PORTAL_COOKIE}=`, `Path=${PORTAL_PATH}`, 'Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'HttpOnly', 'SameSite=Lax'];
  if (secureCookies()) parts.push('Secure');
  return parts.join('; ');
}


