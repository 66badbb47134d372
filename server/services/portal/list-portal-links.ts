import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { getVisibleCandidate } from '@/server/services/candidates/get-candidate';
import type { ServiceContext } from '@/server/services/types';

export const ZListPortalLinksInput = z.object({ candidateId: z.uuid('This candidate does not exist.') });

export type PortalLinkStatus = 'active' | 'expired' | 'revoked';

export interface PortalLinkItem {
  id: string;
  applicationId: string;
  interviewId: string | null;
  jobTitle: string;
  clientCompany: string;
  createdAt: Date;
  createdByName: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  status: PortalLinkStatus;
}

/** A candidate's portal links, newest first; the tokens themselves are gone for good. */
export async function listPortalLinks(ctx: ServiceContext, input: z.infer<typeof ZListPortalLinksInput>, now = new Date()): Promise<PortalLinkItem[]> {
  await getVisibleCandidate(ctx, input.candidateId);
  const rows = await queryRows<{
    id: string;
    application_id: string;
    interview_id: string | null;
    job_title: string;
    client_company: string;
    created_at: Date;
    created_by_name: string | null;
    expires_at: Date;
    revoked_at: Date | null;
    last_used_at: Date | null;
  }>(
    ctx.tx,
    sql`select l.id, l.application_id, l.interview_id, j.title as job_title, j.client_company, l.created_at,
          coalesce(u.name, u.email) as created_by_name, l.expires_at, l.revoked_at, l.last_used_at
        from portal_links l
        join applications a on a.org_id = l.org_id and a.id = l.application_id
        join jobs j on j.org_id = a.org_id and j.id = a.job_id
        left join users u on u.id = l.created_by
        where l.org_id = ${ctx.actor.orgId} and l.candidate_id = ${input.candidateId}
        order by l.created_at desc, l.id desc limit 50`,
  );
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    interviewId: r.interview_id,
    jobTitle: r.job_title,
    clientCompany: r.client_company,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
    status: r.revoked_at ? 'revoked' : r.expires_at.getTime() <= now.getTime() ? 'expired' : 'active',
  }));
}
