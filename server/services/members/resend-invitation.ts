import { sql } from 'drizzle-orm';
import { queryRows, ts, uuidArray } from '@/db/client';
import type { Role } from '@/db/schema';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';
import { generateInvitationToken, hashInvitationToken, invitationExpiry } from './invitation-token';
import { assertInviteeReachable, sendInvitationEmail } from './send-invitation-email';
import {
  assertMayInviteAs,
  assertNotMember,
  keepActiveTeams,
  lockInvitation,
  ZInvitationIdInput,
  type InvitationIdInput,
  type InvitationRow,
  type InvitationSent,
} from './invitation-rules';

export const ZResendInvitationInput = ZInvitationIdInput;

/**
 * Gives an open invitation a new token (the old link stops working), a new 7-day expiry and a new
 * email, optionally with a new role and teams. The caller has checked who may do it.
 */
export async function rotateInvitation(
  ctx: ServiceContext,
  invitation: InvitationRow,
  next: { role: Role; teamIds: string[] },
  now: Date,
): Promise<{ expiresAt: Date; sendCount: number }> {
  const token = generateInvitationToken();
  const expiresAt = invitationExpiry(now);
  const [row] = await queryRows<{ send_count: number }>(
    ctx.tx,
    sql`update invitations set token_hash = ${hashInvitationToken(token)}, role = ${next.role}, team_ids = ${uuidArray(next.teamIds)},
          last_sent_at = ${ts(now)}, expires_at = ${ts(expiresAt)}, send_count = send_count + 1
        where org_id = ${ctx.actor.orgId} and id = ${invitation.id}
        returning send_count`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'This invitation does not exist.');
  await sendInvitationEmail(ctx, { email: invitation.email, role: next.role, teamIds: next.teamIds, token, expiresAt });
  return { expiresAt, sendCount: row.send_count };
}

/** Refuses what cannot be sent again: an invitation already accepted or revoked. */
export function assertOpen(invitation: InvitationRow): void {
  if (invitation.accepted_at) throw new AppError('BAD_REQUEST', `${invitation.email} already accepted this invitation and is a member of the agency.`);
  if (invitation.revoked_at) throw new AppError('BAD_REQUEST', `The invitation to ${invitation.email} was revoked. Invite them again instead.`);
}

/** "Resend": a new link for the same person, role and teams (teams archived since are dropped). */
export async function resendInvitation(ctx: ServiceContext, input: InvitationIdInput, now = new Date()): Promise<InvitationSent> {
  const invitation = await lockInvitation(ctx, input.invitationId);
  if (!invitation) throw new AppError('NOT_FOUND', 'This invitation does not exist.');
  assertOpen(invitation);
  assertMayInviteAs(ctx, invitation.role);
  await assertNotMember(ctx, invitation.email);
  await assertInviteeReachable(ctx, invitation.email);
  const teamIds = await keepActiveTeams(ctx, invitation.team_ids);
  const sent = await rotateInvitation(ctx, invitation, { role: invitation.role, teamIds }, now);
  await recordAudit(ctx, {
    action: 'invitation.resend',
    targetType: 'invitation',
    targetId: invitation.id,
    before: { expiresAt: invitation.expires_at, sendCount: invitation.send_count, teamIds: invitation.team_ids },
    after: { email: invitation.email, role: invitation.role, teamIds, expiresAt: sent.expiresAt, sendCount: sent.sendCount },
  });
  return {
    invitationId: invitation.id,
    email: invitation.email,
    role: invitation.role,
    teamIds,
    expiresAt: sent.expiresAt,
    sendCount: sent.sendCount,
    resent: true,
    message: `Invitation sent again to ${invitation.email}, with a new link. The previous link no longer works.`,
  };
}
