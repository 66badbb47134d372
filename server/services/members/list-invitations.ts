import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import type { Role } from '@/db/schema';
import type { ServiceContext } from '@/server/services/types';

export const INVITATIONS_LIST_LIMIT = 200;

export type InvitationStatus = 'pending' | 'expired';

export interface InvitationItem {
  id: string;
  email: string;
  role: Role;
  /** The invitation's teams that still exist, with their names; archived ones are marked. */
  teams: { id: string; name: string; archived: boolean }[];
  invitedByName: string | null;
  createdAt: Date;
  lastSentAt: Date;
  sendCount: number;
  expiresAt: Date;
  status: InvitationStatus;
}

/**
 * The agency's open invitations (neither accepted nor revoked), pending or expired, newest first.
 * Tokens are not stored, so none can be shown: "Resend" makes a new one.
 */
export async function listInvitations(ctx: ServiceContext, now = new Date()): Promise<InvitationItem[]> {
  const rows = await queryRows<{
    id: string;
    email: string;
    role: Role;
    teams: { id: string; name: string; archived: boolean }[] | null;
    invited_by_name: string | null;
    created_at: Date;
    last_sent_at: Date;
    send_count: number;
    expires_at: Date;
  }>(
    ctx.tx,
    sql`select i.id, i.email, i.role,
          (select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'archived', t.archived_at is not null) order by t.name), '[]'::jsonb)
             from teams t where t.org_id = i.org_id and t.id = any(i.team_ids)) as teams,
          coalesce(u.name, u.email) as invited_by_name, i.created_at, i.last_sent_at, i.send_count, i.expires_at
        from invitations i
        left join users u on u.id = i.invited_by
        where i.org_id = ${ctx.actor.orgId} and i.accepted_at is null and i.revoked_at is null
        order by i.created_at desc, i.id desc
        limit ${INVITATIONS_LIST_LIMIT}`,
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    teams: r.teams ?? [],
    invitedByName: r.invited_by_name,
    createdAt: r.created_at,
    lastSentAt: r.last_sent_at,
    sendCount: r.send_count,
    expiresAt: r.expires_at,
    status: r.expires_at.getTime() <= now.getTime() ? 'expired' : 'pending',
  }));
}
