import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import type { PortalAgency } from './exchange-portal-token';
import { verifyPortalSession } from './portal-token';
import type { PortalContext } from './types';

export type PortalSessionResult<T> = { kind: 'ok'; value: T } | { kind: 'invalid' } | { kind: 'archived'; agency: PortalAgency };

interface LinkRow extends Record<string, unknown> {
  id: string;
  candidate_id: string;
  application_id: string;
  interview_id: string | null;
  expires_at: Date;
  revoked_at: Date | null;
  candidate_archived: boolean;
  org_name: string;
  brand_color: string;
  logo_url: string | null;
}

/**
 * Runs `fn` for the candidate a portal cookie belongs to, inside that agency's tenant
 * transaction. The cookie only names a link; whether the link still works (revoked, expired,
 * candidate archived) is decided here, on every request, so a revocation takes effect at once.
 */
export async function withPortalSession<T>(
  { secret, cookie, now = new Date() }: { secret: string; cookie: string | undefined | null; now?: Date },
  fn: (ctx: PortalContext) => Promise<T>,
): Promise<PortalSessionResult<T>> {
  const ref = verifyPortalSession(secret, cookie);
  if (!ref) return { kind: 'invalid' };
  return withTenant(ref.orgId, async (tx): Promise<PortalSessionResult<T>> => {
    const [link] = await queryRows<LinkRow>(
      tx,
      sql`select l.id, l.candidate_id, l.application_id, l.interview_id, l.expires_at, l.revoked_at,
            c.archived_at is not null as candidate_archived, o.name as org_name, o.brand_color, o.logo_url
          from portal_links l
          join candidates c on c.org_id = l.org_id and c.id = l.candidate_id
          join organizations o on o.id = l.org_id
          where l.org_id = ${ref.orgId} and l.id = ${ref.linkId}`,
    );
    if (!link || link.revoked_at || link.expires_at.getTime() <= now.getTime()) return { kind: 'invalid' };
    if (link.candidate_archived) {
      return { kind: 'archived', agency: { name: link.org_name, brandColor: link.brand_color, logoUrl: link.logo_url } };
    }
    const session = {
      orgId: ref.orgId,
      linkId: link.id,
      candidateId: link.candidate_id,
      applicationId: link.application_id,
      interviewId: link.interview_id,
      expiresAt: link.expires_at,
    };
    return { kind: 'ok', value: await fn({ tx, session }) };
  });
}
