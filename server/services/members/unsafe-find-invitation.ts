import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import type { Role } from '@/db/schema';
import { unsafeWithSystemRole } from '@/db/tenant';

export interface FoundInvitation {
  orgId: string;
  invitationId: string;
  email: string;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
  agency: { name: string; slug: string };
  /** The inviter's name (or address), for "Ask … to send a new one"; null when they are gone. */
  inviterName: string | null;
  /** Whether `forUserId` belongs to the agency today (an accepted link then just leads there). */
  isMember: boolean;
}

interface Row extends Record<string, unknown> {
  org_id: string;
  id: string;
  email: string;
  role: Role;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
  revoked_at: Date | null;
  org_name: string;
  org_slug: string;
  inviter_name: string | null;
  is_member: boolean;
}

/**
 * Crosses tenants: someone opens an invitation link before anyone knows its agency (and they are
 * not a member of it yet). One row by the token's hash, which is unique across agencies, and only
 * what the acceptance page needs to say; nothing else of the agency.
 */
export async function unsafeFindInvitationByTokenHash(tokenHash: string, forUserId: string): Promise<FoundInvitation | null> {
  const [row] = await unsafeWithSystemRole((tx) =>
    queryRows<Row>(
      tx,
      sql`select i.org_id, i.id, i.email, i.role, i.expires_at, i.accepted_at, i.accepted_by, i.revoked_at,
            o.name as org_name, o.slug as org_slug, coalesce(u.name, u.email) as inviter_name,
            exists (select 1 from memberships m where m.org_id = i.org_id and m.user_id = ${forUserId}) as is_member
          from invitations i
          join organizations o on o.id = i.org_id
          left join users u on u.id = i.invited_by
          where i.token_hash = ${tokenHash}`,
    ),
  );
  if (!row) return null;
  return {
    orgId: row.org_id,
    invitationId: row.id,
    email: row.email,
    role: row.role,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
    agency: { name: row.org_name, slug: row.org_slug },
    inviterName: row.inviter_name,
    isMember: row.is_member,
  };
}
