import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import type { ServiceContext } from '@/server/services/types';
import { NOTIFICATION_CANDIDATE_JOIN, ownNotificationsWhere } from './notification-scope';

/** How many of the actor's notifications are unread: the bell's badge. */
export async function countUnreadNotifications(ctx: ServiceContext): Promise<{ count: number }> {
  const where = await ownNotificationsWhere(ctx);
  const [row] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from notifications n ${NOTIFICATION_CANDIDATE_JOIN} where ${where} and n.read_at is null`,
  );
  return { count: row?.n ?? 0 };
}
