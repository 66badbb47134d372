import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { unsafeWithSystemRole } from '@/db/tenant';

/** Crosses tenants: every agency's id, for platform jobs that then work inside each tenant. */
export async function unsafeListOrgIds(): Promise<string[]> {
  const rows = await unsafeWithSystemRole((tx) => queryRows<{ id: string }>(tx, sql`select id from organizations order by created_at`));
  return rows.map((r) => r.id);
}
