import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { unsafeWithSystemRole } from '@/db/tenant';
import type { Role } from '@/db/schema';

/** Crosses tenants: resolves an agency from its URL before its tenant can be set, members only. */
export async function unsafeFindMembershipBySlug({ userId, slug }: { userId: string; slug: string }) {
  const rows = await unsafeWithSystemRole((tx) =>
    queryRows<{ org_id: string; name: string; slug: string; role: Role }>(
      tx,
      sql`select o.id as org_id, o.name, o.slug, m.role
          from organizations o join memberships m on m.org_id = o.id
          where o.slug = ${slug.toLowerCase()} and m.user_id = ${userId}`,
    ),
  );
  const row = rows[0];
  return row ? { orgId: row.org_id, name: row.name, slug: row.slug, role: row.role } : null;
}
