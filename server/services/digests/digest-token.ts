import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/server/env';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** v1 + two uuids + a base64url SHA-256 and three dots: 122 characters; anything much longer is refused unread. */
const TOKEN_MAX = 160;

export interface DigestMemberRef {
  orgId: string;
  userId: string;
}

function signature(secret: string, ref: DigestMemberRef): Buffer {
  // The purpose is part of the signed text, so no other signed value of the app can pass as this one.
  return createHmac('sha256', secret).update(`afterview-digest-unsubscribe:v1:${ref.orgId}:${ref.userId}`).digest();
}

/**
 * The unsubscribe link names the agency and the member and proves the server made it. It never
 * expires: a digest from last month must still unsubscribe, and all it can do is turn a digest off.
 */
export function signDigestUnsubscribe(ref: DigestMemberRef, secret = env().authSecret): string {
  return `v1.${ref.orgId}.${ref.userId}.${signature(secret, ref).toString('base64url')}`;
}

/** The member a genuine token names, or null for anything forged, tampered with or malformed. */
export function verifyDigestUnsubscribe(token: string | null | undefined, secret = env().authSecret): DigestMemberRef | null {
  if (!token || token.length > TOKEN_MAX) return null;
  const [version, orgId, userId, sig, ...rest] = token.split('.');
  if (version !== 'v1' || !orgId || !userId || !sig || rest.length > 0 || !UUID.test(orgId) || !UUID.test(userId)) return null;
  const ref = { orgId, userId };
  // Compared as text: base64url decoding ignores stray characters and the last character's spare bits.
  const expected = Buffer.from(signature(secret, ref).toString('base64url'));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return ref;
}

export function digestUnsubscribeUrl(ref: DigestMemberRef): string {
  return new URL(`/unsubscribe/${signDigestUnsubscribe(ref)}`, env().APP_URL).toString();
}
