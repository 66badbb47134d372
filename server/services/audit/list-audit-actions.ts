import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import type { ServiceContext } from '@/server/services/types';

/** The actions present in the agency's audit log, A to Z: what the log's Action filter offers. */
export async function listAuditActions({ tx, actor }: ServiceContext): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(tx, sql`select distinct action from audit_log where org_id = ${actor.orgId} order by action`);
  return rows.map((r) => r.action);
}
