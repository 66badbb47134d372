import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import { getVisibleCandidate } from '@/server/services/candidates/get-candidate';
import type { ServiceContext } from '@/server/services/types';

export const ZRevokePortalLinkInput = z.object({ linkId: z.uuid('This link does not exist.') });

/** Stops a link at once: the next request with its cookie or token sees the "link doesn't work" page. */
export async function revokePortalLink(ctx: ServiceContext, input: z.infer<typeof ZRevokePortalLinkInput>) {
  const { tx, actor } = ctx;
  const [link] = await queryRows<{ candidate_id: string; revoked_at: Date | null }>(
    tx,
    sql`select candidate_id, revoked_at from portal_links where org_id = ${actor.orgId} and id = ${input.linkId}`,
  );
  if (!link) throw new AppError('NOT_FOUND', 'This link does not exist.');
  await getVisibleCandidate(ctx, link.candidate_id);
  if (link.revoked_at) return { linkId: input.linkId, revokedAt: link.revoked_at, changed: false };

  const [row] = await queryRows<{ revoked_at: Date }>(
    tx,
    sql`update portal_links set revoked_at = now(), revoked_by = ${actor.userId}
        where org_id = ${actor.orgId} and id = ${input.linkId} returning revoked_at`,
  );
  await recordAudit(ctx, { action: 'portal_link.revoke', targetType: 'portal_link', targetId: input.linkId, before: { revokedAt: null }, after: { revokedAt: row!.revoked_at } });
  return { linkId: input.linkId, revokedAt: row!.revoked_at, changed: true };
}
