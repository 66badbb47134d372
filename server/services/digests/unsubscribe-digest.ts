import { sql } from 'drizzle-orm';
import { execute, queryRows, type Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { verifyDigestUnsubscribe, type DigestMemberRef } from './digest-token';

export interface DigestAgencyBranding {
  name: string;
  slug: string;
  brandColor: string;
  logoUrl: string | null;
}

export type DigestSubscription =
  /** Forged, altered, malformed, or naming an agency that no longer exists: all look alike. */
  | { kind: 'invalid' }
  /** A genuine link of someone who has left the agency: no digest goes to them anyway. */
  | { kind: 'not_member'; agency: DigestAgencyBranding }
  | { kind: 'member'; agency: DigestAgencyBranding; email: string; digestEnabled: boolean };

async function subscriptionOf(tx: Tx, ref: DigestMemberRef): Promise<DigestSubscription> {
  const [org] = await queryRows<{ name: string; slug: string; brand_color: string; logo_url: string | null }>(
    tx,
    sql`select name, slug, brand_color, logo_url from organizations where id = ${ref.orgId}`,
  );
  if (!org) return { kind: 'invalid' };
  const agency = { name: org.name, slug: org.slug, brandColor: org.brand_color, logoUrl: org.logo_url };
  const [member] = await queryRows<{ digest_enabled: boolean; email: string }>(
    tx,
    sql`select m.digest_enabled, u.email from memberships m join users u on u.id = m.user_id where m.org_id = ${ref.orgId} and m.user_id = ${ref.userId}`,
  );
  if (!member) return { kind: 'not_member', agency };
  return { kind: 'member', agency, email: member.email, digestEnabled: member.digest_enabled };
}

/**
 * What an unsubscribe link points at, read-only. The token is checked before any query, and the
 * agency it names is then read under that agency's own tenant: no lookup crosses agencies.
 */
export async function findDigestSubscription(token: string): Promise<DigestSubscription> {
  const ref = verifyDigestUnsubscribe(token);
  if (!ref) return { kind: 'invalid' };
  return withTenant(ref.orgId, (tx) => subscriptionOf(tx, ref));
}

/** Turns the daily digest off for the member the link names; doing it twice is the same as once. */
export async function unsubscribeDigest(token: string): Promise<DigestSubscription> {
  const ref = verifyDigestUnsubscribe(token);
  if (!ref) return { kind: 'invalid' };
  return withTenant(ref.orgId, async (tx) => {
    await execute(tx, sql`update memberships set digest_enabled = false where org_id = ${ref.orgId} and user_id = ${ref.userId} and digest_enabled`);
    return subscriptionOf(tx, ref);
  });
}
