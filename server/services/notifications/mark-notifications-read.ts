import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, uuidArray } from '@/db/client';
import type { ServiceContext } from '@/server/services/types';

export const MARK_READ_MAX = 100;

export const ZMarkNotificationsReadInput = z.object({
  ids: z
    .array(z.uuid('One of the notifications does not exist.'), { error: 'Choose the notifications to mark as read.' })
    .min(1, 'Choose at least one notification to mark as read.')
    .max(MARK_READ_MAX, `Mark at most ${MARK_READ_MAX} notifications as read at once.`),
});
export type MarkNotificationsReadInput = z.infer<typeof ZMarkNotificationsReadInput>;

/**
 * Marks some of the actor's own notifications as read. Ids of anyone else's notifications (or of
 * none) match no row and change nothing; `updated` says how many were newly read.
 */
export async function markNotificationsRead(ctx: ServiceContext, input: MarkNotificationsReadInput): Promise<{ updated: number }> {
  const { ids } = ZMarkNotificationsReadInput.parse(input);
  const rows = await queryRows<{ n: number }>(
    ctx.tx,
    sql`with u as (
          update notifications set read_at = now()
          where org_id = ${ctx.actor.orgId} and user_id = ${ctx.actor.userId} and id = any(${uuidArray(ids)}) and read_at is null
          returning 1)
        select count(*)::int as n from u`,
  );
  return { updated: rows[0]?.n ?? 0 };
}

/** Marks every one of the actor's notifications in this agency as read. */
export async function markAllNotificationsRead(ctx: ServiceContext): Promise<{ updated: number }> {
  const rows = await queryRows<{ n: number }>(
    ctx.tx,
    sql`with u as (
          update notifications set read_at = now()
          where org_id = ${ctx.actor.orgId} and user_id = ${ctx.actor.userId} and read_at is null
          returning 1)
        select count(*)::int as n from u`,
  );
  return { updated: rows[0]?.n ?? 0 };
}
