import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, uuidArray } from '@/db/client';
import { ROLES, type Role } from '@/db/schema';
import { AppError } from '@/server/errors';
import type { ServiceContext } from '@/server/services/types';

export const EMAIL_MAX = 254;
export const TEAMS_MAX = 50;

export const ZInvitationEmail = z
  .string({ error: 'Enter the email address of the person to invite.' })
  .trim()
  .min(1, 'Enter the email address of the person to invite.')
  .max(EMAIL_MAX, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address, like name@agency.com.'));

export const ZInvitationRole = z.enum(ROLES, { error: 'Choose a role: owner, admin, recruiter or viewer.' });

export const ZInvitationTeamIds = z
  .array(z.uuid('One of the chosen teams does not exist.'), { error: 'Choose the teams from the list.' })
  .max(TEAMS_MAX, `Choose at most ${TEAMS_MAX} teams.`);

export const ZInvitationIdInput = z.object({ invitationId: z.uuid('This invitation does not exist.') });
export type InvitationIdInput = z.infer<typeof ZInvitationIdInput>;

/** Only an owner may hand out the owner role, by invitation as by a role change. */
export function assertMayInviteAs(ctx: ServiceContext, role: Role): void {
  if (role === 'owner' && ctx.actor.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only an owner can invite someone as an owner. Choose another role, or ask an owner.', { field: 'role' });
  }
}

/** The given teams, each once, all of them existing and not archived in this agency. */
export async function requireActiveTeams(ctx: ServiceContext, teamIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(teamIds.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select id from teams where org_id = ${ctx.actor.orgId} and id = any(${uuidArray(unique)}) and archived_at is null`,
  );
  if (rows.length !== unique.length) {
    throw new AppError('BAD_REQUEST', 'One of the chosen teams does not exist or was archived. Reload the page and choose again.', { field: 'teamIds' });
  }
  return unique;
}

/** Drops the teams archived (or gone) since the invitation was made, keeping its order. */
export async function keepActiveTeams(ctx: ServiceContext, teamIds: readonly string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select id from teams where org_id = ${ctx.actor.orgId} and id = any(${uuidArray(teamIds)}) and archived_at is null`,
  );
  const active = new Set(rows.map((r) => r.id));
  return teamIds.filter((id) => active.has(id));
}

/** Refuses to invite someone who already belongs to the agency (addresses compare case-insensitively). */
export async function assertNotMember(ctx: ServiceContext, email: string): Promise<void> {
  const [member] = await queryRows<{ email: string }>(
    ctx.tx,
    sql`select u.email from memberships m join users u on u.id = m.user_id
        where m.org_id = ${ctx.actor.orgId} and lower(u.email) = lower(${email}) limit 1`,
  );
  if (member) throw new AppError('CONFLICT', `${email} is already a member of this agency.`, { field: 'email' });
}

export interface InvitationRow extends Record<string, unknown> {
  id: string;
  email: string;
  role: Role;
  team_ids: string[];
  send_count: number;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

/** One invitation of this agency, locked for the rest of the transaction; null when there is none. */
export async function lockInvitation(ctx: ServiceContext, invitationId: string): Promise<InvitationRow | null> {
  const [row] = await queryRows<InvitationRow>(
    ctx.tx,
    sql`select id, email, role, team_ids, send_count, expires_at, accepted_at, revoked_at from invitations
        where org_id = ${ctx.actor.orgId} and id = ${invitationId} for update`,
  );
  return row ?? null;
}

/** What the invitation forms get back: the invitation as it now stands, and a sentence for the user. */
export interface InvitationSent {
  invitationId: string;
  email: string;
  role: Role;
  teamIds: string[];
  expiresAt: Date;
  sendCount: number;
  /** True when an open invitation to this address existed and was sent again with a new link. */
  resent: boolean;
  message: string;
}
