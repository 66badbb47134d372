import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { unsafeWithSystemRole } from '@/db/tenant';

export interface FoundPortalLink {
  orgId: string;
  linkId: string;
  candidateId: string;
  applicationId: string;
  interviewId: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  candidateArchived: boolean;
  agency: { name: string; brandColor: string; logoUrl: string | null };
}

interface Row extends Record<string, unknown> {
  org_id: string;
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

function lookup(where: ReturnType<typeof sql>) {
  return unsafeWithSystemRole((tx) =>
    queryRows<Row>(
      tx,
      sql`select l.org_id, l.id, l.candidate_id, l.application_id, l.interview_id, l.expires_at, l.revoked_at,
            c.archived_at is not null as candidate_archived, o.name as org_name, o.brand_color, o.logo_url
          from portal_links l
          join candidates c on c.org_id = l.org_id and c.id = l.candidate_id
          join organizations o on o.id = l.org_id
          where ${where}`,
    ),
  );
}

function toLink(row: Row | undefined): FoundPortalLink | null {
  if (!row) return null;
  return {
    orgId: row.org_id,
    linkId: row.id,
    candidateId: row.candidate_id,
    applicationId: row.application_id,
    interviewId: row.interview_id,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    candidateArchived: row.candidate_archived,
    agency: { name: row.org_name, brandColor: row.brand_color, logoUrl: row.logo_url },
  };
}

/** Crosses tenants: a candidate arrives with a token, before anyone knows the agency. */
export async function unsafeFindPortalLinkByTokenHash(tokenHash: string): Promise<FoundPortalLink | null> {
  const [row] = await lookup(sql`l.token_hash = ${tokenHash}`);
  return toLink(row);
}
