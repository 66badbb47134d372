import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { env } from '@/server/env';
import { AppError, isUniqueViolation } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import { getVisibleCandidate } from '@/server/services/candidates/get-candidate';
import type { ServiceContext } from '@/server/services/types';
import { generatePortalToken, hashPortalToken } from './portal-token';

export const ZCreatePortalLinkInput = z.object({
  candidateId: z.uuid('This candidate does not exist.'),
  applicationId: z.uuid('Choose the application the link is about.'),
  interviewId: z.uuid('This interview does not exist.').optional(),
});
export type CreatePortalLinkInput = z.infer<typeof ZCreatePortalLinkInput>;

export interface CreatedPortalLink {
  linkId: string;
  /** The only time the token exists outside the candidate's hands: it is never stored. */
  url: string;
  expiresAt: Date;
  replacedLinkId: string | null;
}

export function portalUrl(token: string): string {
  return new URL(`/p/${token}`, env().APP_URL).toString();
}

/**
 * A new portal link for one application (and optionally one of its interviews). An application
 * has one live link: a new one revokes the previous, so re-sending rotates the token.
 */
export async function createPortalLink(ctx: ServiceContext, input: CreatePortalLinkInput, now = new Date()): Promise<CreatedPortalLink> {
  const { tx, actor } = ctx;
  const candidate = await getVisibleCandidate(ctx, input.candidateId);
  if (candidate.archivedAt) throw new AppError('BAD_REQUEST', 'This candidate is archived. Restore them before sending a portal link.');

  const [application] = await queryRows<{ archived_at: Date | null; link_days: number }>(
    tx,
    sql`select a.archived_at, o.portal_link_days as link_days from applications a join organizations o on o.id = a.org_id
        where a.org_id = ${actor.orgId} and a.id = ${input.applicationId} and a.candidate_id = ${input.candidateId}`,
  );
  if (!application) throw new AppError('NOT_FOUND', 'This application does not exist for this candidate.', { field: 'applicationId' });
  if (application.archived_at) throw new AppError('BAD_REQUEST', 'This application is archived.', { field: 'applicationId' });
  if (input.interviewId) {
    const [interview] = await queryRows<{ id: string }>(
      tx,
      sql`select id from interviews where org_id = ${actor.orgId} and id = ${input.interviewId} and application_id = ${input.applicationId}`,
    );
    if (!interview) throw new AppError('NOT_FOUND', 'This interview does not belong to the application.', { field: 'interviewId' });
  }

  const [replaced] = await queryRows<{ id: string }>(
    tx,
    sql`update portal_links set revoked_at = now(), revoked_by = ${actor.userId}
        where org_id = ${actor.orgId} and application_id = ${input.applicationId} and revoked_at is null
        returning id`,
  );
  const token = generatePortalToken();
  const expiresAt = new Date(now.getTime() + application.link_days * 86_400_000);
  let linkId: string;
  try {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into portal_links (org_id, candidate_id, application_id, interview_id, token_hash, created_by, expires_at)
          values (${actor.orgId}, ${input.candidateId}, ${input.applicationId}, ${input.interviewId ?? null}, ${hashPortalToken(token)},
                  ${actor.userId}, ${expiresAt.toISOString()}::timestamptz)
          returning id`,
    );
    linkId = row!.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'Someone created a link for this application at the same moment. Try again.');
    throw error;
  }
  await recordAudit(ctx, {
    action: 'portal_link.create',
    targetType: 'portal_link',
    targetId: linkId,
    before: replaced ? { revokedLinkId: replaced.id } : null,
    after: { candidateId: input.candidateId, applicationId: input.applicationId, interviewId: input.interviewId ?? null, expiresAt },
  });
  return { linkId, url: portalUrl(token), expiresAt, replacedLinkId: replaced?.id ?? null };
}
