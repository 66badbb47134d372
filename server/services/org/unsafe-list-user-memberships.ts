import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { unsafeWithSystemRole } from '@/db/tenant';
import type { Role } from '@/db/schema';

export interface UserMembership {
  orgId: string;
  name: string;
  slug: string;
  role: Role;
}

/** Crosses tenants: the agencies one user belongs to, needed before any agency is chosen. */
export async function unsafeListUserMemberships({ userId }: { userId: string }): Promise<UserMembership[]> {
  const rows = await unsafeWithSystemRole((tx) =>
    queryRows<{ org_id: string; name: string; slug: string; role: Role }>(
      tx,
      sql`select o.id as org_id, o.name, o.slug, m.role
          from memberships m join organizations o on o.id = m.org_id
          where m.user_id = ${userId}
          order by o.name`,
    ),
  );
  return rows.map((r) => ({ orgId: r.org_id, name: r.name, slug: r.slug, role: r.role }));
}
