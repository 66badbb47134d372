import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { unsafeWithSystemRole } from '@/db/tenant';

/**
 * Crosses tenants: the agencies that set a retention period, and that period, for the daily
 * retention job, which then works inside each agency's tenant. Nothing else leaves the query.
 */
export async function unsafeListRetentionOrgs(): Promise<{ orgId: string; retentionMonths: number }[]> {
  const rows = await unsafeWithSystemRole((tx) =>
    queryRows<{ id: string; retention_months: number }>(
      tx,
      sql`select id, retention_months from organizations where retention_months is not null and retention_months > 0 order by created_at, id`,
    ),
  );
  return rows.map((r) => ({ orgId: r.id, retentionMonths: r.retention_months }));
}
