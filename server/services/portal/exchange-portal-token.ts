import { withTenant } from '@/db/tenant';
import { unsafeFindPortalLinkByTokenHash } from './unsafe-find-portal-link';
import { sql } from 'drizzle-orm';
import { execute, ts } from '@/db/client';
import { unsafeHitRateLimit, unsafePeekRateLimit, unsafePruneRateLimits, type RateLimitRule } from '@/server/services/rate-limits/unsafe-hit-rate-limit';
import { hashPortalToken, isPortalTokenShape, type PortalSessionRef } from './portal-token';

/** Failed token attempts allowed per IP address in a window: enough for typos, far too few to guess 256 bits. */
export const TOKEN_FAILURES_PER_WINDOW = 10;
export const TOKEN_FAILURE_WINDOW_SECONDS = 15 * 60;

export type PortalAgency = { name: string; brandColor: string; logoUrl: string | null };

export type ExchangeResult =
  | { kind: 'ok'; session: PortalSessionRef; expiresAt: Date }
  | { kind: 'invalid' }
  | { kind: 'archived'; agency: PortalAgency }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

export function tokenFailureRule(ip: string): RateLimitRule {
  return { key: `portal-token:ip:${ip}`, limit: TOKEN_FAILURES_PER_WINDOW, windowSeconds: TOKEN_FAILURE_WINDOW_SECONDS };
}

/**
 * Turns a token from a link into a portal session. Unknown, expired and revoked tokens are one
 * outcome (`invalid`) so nobody can learn which tokens once existed; each counts against the IP.
 */
export async function exchangePortalToken({ token, ip, now = new Date() }: { token: string; ip: string; now?: Date }): Promise<ExchangeResult> {
  const rule = tokenFailureRule(ip);
  const before = await unsafePeekRateLimit(rule, now);
  if (!before.allowed) return { kind: 'rate_limited', retryAfterSeconds: before.retryAfterSeconds };

  const link = isPortalTokenShape(token) ? await unsafeFindPortalLinkByTokenHash(hashPortalToken(token)) : null;
  if (!link || link.revokedAt || link.expiresAt.getTime() <= now.getTime()) {
    await unsafeHitRateLimit(rule, now);
    // Counters are tiny; sweeping now and then keeps the table from growing with every address seen.
    if (Math.random() < 0.02) await unsafePruneRateLimits(new Date(now.getTime() - 24 * 3600_000));
    return { kind: 'invalid' };
  }
  if (link.candidateArchived) return { kind: 'archived', agency: link.agency };

  await withTenant(link.orgId, (tx) =>
    execute(tx, sql`update portal_links set last_used_at = ${ts(now)} where org_id = ${link.orgId} and id = ${link.linkId}`),
  );
  return { kind: 'ok', session: { orgId: link.orgId, linkId: link.linkId }, expiresAt: link.expiresAt };
}
