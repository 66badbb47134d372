import { sql } from 'drizzle-orm';
import { execute, getDb, queryRows, type Tx } from './client';
import type { Role } from './schema';

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
    await enterTenant(tx, orgId);
    return fn(tx);
  });
}

/** The agency and the tenant role for the rest of `tx`: withTenant's first statement, one round trip. */
export async function enterTenant(tx: Tx, orgId: string): Promise<void> {
  await execute(tx, sql`select set_config('app.org_id', ${orgId}, true), set_config('role', ${TENANT_ROLE}, true)`);
}

/**
 * Crosses tenants. Only for the narrow, named lookups that must happen before a tenant is known
 * (a user's memberships, an agency by slug, platform jobs); call it only from `unsafe…` functions.
 */
export async function unsafeWithSystemRole<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return getDb().transaction(async (tx) => {
    await execute(tx, sql`select set_config('app.org_id', '', true), set_config('role', ${SYSTEM_ROLE}, true)`);
    return fn(tx);
  });
}

export interface MemberTenant {
  orgId: string;
  name: string;
  slug: string;
  role: Role;
}

/**
 * A request for an agency named in the URL: one transaction that finds the user's membership by
 * the agency's slug and, in the same statement, becomes that agency's tenant — so every org
 * request spends three round trips less than a lookup transaction followed by `withTenant`. The
 * lookup crosses tenants (as `afterview_system`, through `unsafeWithSystemRole`); the switch
 * happens only when a membership row is found, and `fn` then runs exactly as under `withTenant`.
 * Not a member (or no such agency): `fn` never runs and the result is `{ member: false }`.
 */
export async function unsafeWithMemberTenant<T>(
  { userId, slug }: { userId: string; slug: string },
  fn: (tx: Tx, membership: MemberTenant) => Promise<T>,
): Promise<{ member: true; value: T } | { member: false }> {
  return unsafeWithSystemRole(async (tx) => {
    const [row] = await queryRows<{ org_id: string; name: string; slug: string; role: Role }>(
      tx,
      sql`select o.id as org_id, o.name, o.slug, m.role,
            set_config('app.org_id', o.id::text, true) as tenant_org, set_config('role', ${TENANT_ROLE}, true) as tenant_role
          from organizations o join memberships m on m.org_id = o.id
          where o.slug = ${slug.toLowerCase()} and m.user_id = ${userId}`,
    );
    if (!row) return { member: false as const };
    return { member: true as const, value: await fn(tx, { orgId: row.org_id, name: row.name, slug: row.slug, role: row.role }) };
  });
}
