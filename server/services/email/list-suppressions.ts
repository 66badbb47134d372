import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import type { ServiceContext } from '@/server/services/types';

/** Addresses the agency no longer sends to, and why. */
export async function listSuppressions(ctx: ServiceContext) {
  const rows = await queryRows<{ email: string; reason: string; detail: string | null; created_at: Date }>(
    ctx.tx,
    sql`select email, reason, detail, created_at from suppressions where org_id = ${ctx.actor.orgId} order by created_at desc limit 200`,
  );
  return rows.map((r) => ({ email: r.email, reason: r.reason, detail: r.detail, createdAt: r.created_at }));
}
