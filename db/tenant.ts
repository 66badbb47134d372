import { sql } from 'drizzle-orm';
import { getDb, type Tx } from './client';

export const TENANT_ROLE = 'afterview_tenant';
export const SYSTEM_ROLE = 'afterview_system';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The only door to tenant tables. The tenant and the role are transaction-local, so a pooled
 * connection (or a pgbouncer in transaction mode) never carries them into someone else's request,
 * and one round trip sets both.
 */
export async function withTenant<T>(orgId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!UUID.test(orgId)) throw new Error(`withTenant: "${orgId}" is not an organization id`);
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.org_id', ${orgId}, true), set_config('role', ${TENANT_ROLE}, true)`);
    return fn(tx);
  });
}

/**
 * Crosses tenants. Only for the narrow, named lookups that must happen before a tenant is known
 * (a user's memberships, an agency by slug, platform jobs); call it only from `unsafe…` functions.
 */
export async function unsafeWithSystemRole<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.org_id', '', true), set_config('role', ${SYSTEM_ROLE}, true)`);
    return fn(tx);
  });
}
