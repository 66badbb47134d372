import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: 43 characters. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function generatePortalToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function isPortalTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/**
 * SHA-256 is enough here (no salt, no slow hash): the token is 256 random bits, so there is no
 * dictionary to attack, and a plain hash keeps the lookup a unique-index probe.
 */
export function hashPortalToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface PortalSessionRef {
  orgId: string;
  linkId: string;
}

function sessionSignature(secret: string, ref: PortalSessionRef): Buffer {
  return createHmac('sha256', secret).update(`afterview-portal-session:v1:${ref.orgId}:${ref.linkId}`).digest();
}

/**
 * The portal cookie names the link and proves the server issued it. It holds no token: the link's
 * state (revoked, expired, archived) is checked in the database on every request.
 */
export function signPortalSession(secret: string, ref: PortalSessionRef): string {
  return `v1.${ref.orgId}.${ref.linkId}.${sessionSignature(secret, ref).toString('base64url')}`;
}

/** The link a genuine cookie names, or null for anything forged, tampered with or malformed. */
export function verifyPortalSession(secret: string, cookie: string | undefined | null): PortalSessionRef | null {
  if (!cookie || cookie.length > 200) return null;
  const [version, orgId, linkId, signature, ...rest] = cookie.split('.');
  if (version !== 'v1' || !orgId || !linkId || !signature || rest.length > 0 || !UUID.test(orgId) || !UUID.test(linkId)) return null;
  const ref = { orgId, linkId };
  const expected = sessionSignature(secret, ref);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return ref;
}

export const PORTAL_COOKIE = 'afterview_portal';
