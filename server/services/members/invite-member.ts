import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, ts, uuidArray } from '@/db/client';
import { AppError, isUniqueViolation } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';
import { generateInvitationToken, hashInvitationToken, invitationExpiry, roleWithArticle } from './invitation-token';
import {
  assertMayInviteAs,
  assertNotMember,
  requireActiveTeams,
  ZInvitationEmail,
  ZInvitationRole,
  ZInvitationTeamIds,
  type InvitationRow,
  type InvitationSent,
} from './invitation-rules';
import { rotateInvitation } from './resend-invitation';
import { assertInviteeReachable, sendInvitationEmail } from './send-invitation-email';

export const ZInviteMemberInput = z.object({
  email: ZInvitationEmail,
  role: ZInvitationRole,
  teamIds: ZInvitationTeamIds.default([]),
});
export type InviteMemberInput = z.infer<typeof ZInviteMemberInput>;

/**
 * Invites someone by email with a role and teams. An address has one open invitation per agency:
 * inviting it again sends that invitation again (new link, new expiry, the role and teams chosen
 * now) and says so. The invitation, its audit entry and its email commit together.
 */
export async function inviteMember(ctx: ServiceContext, input: InviteMemberInput, now = new Date()): Promise<InvitationSent> {
  const { tx, actor } = ctx;
  const email = input.email.toLowerCase();
  assertMayInviteAs(ctx, input.role);
  const teamIds = await requireActiveTeams(ctx, input.teamIds);
  await assertNotMember(ctx, email);
  await assertInviteeReachable(ctx, email);

  const [open] = await queryRows<InvitationRow>(
    tx,
    sql`select id, email, role, team_ids, send_count, expires_at, accepted_at, revoked_at from invitations
        where org_id = ${actor.orgId} and lower(email) = ${email} and accepted_at is null and revoked_at is null
        for update`,
  );
  if (open) {
    // An owner invitation is the owner's to change: an admin cannot turn it into another role either.
    assertMayInviteAs(ctx, open.role);
    const sent = await rotateInvitation(ctx, open, { role: input.role, teamIds }, now);
    await recordAudit(ctx, {
      action: 'member.invite',
      targetType: 'invitation',
      targetId: open.id,
      before: { role: open.role, teamIds: open.team_ids, expiresAt: open.expires_at, sendCount: open.send_count },
      after: { email: open.email, role: input.role, teamIds, expiresAt: sent.expiresAt, sendCount: sent.sendCount, resent: true },
    });
    const changed = open.role !== input.role ? ` It is now for ${roleWithArticle(input.role)}.` : '';
    return {
      invitationId: open.id,
      email: open.email,
      role: input.role,
      teamIds,
      expiresAt: sent.expiresAt,
      sendCount: sent.sendCount,
      resent: true,
      message: `${open.email} already had an open invitation, so we sent it again with a new link.${changed}`,
    };
  }

  const token = generateInvitationToken();
  const expiresAt = invitationExpiry(now);
  let invitationId: string;
  try {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into invitations (org_id, email, role, team_ids, token_hash, invited_by, created_at, last_sent_at, expires_at)
          values (${actor.orgId}, ${email}, ${input.role}, ${uuidArray(teamIds)}, ${hashInvitationToken(token)}, ${actor.userId},
                  ${ts(now)}, ${ts(now)}, ${ts(expiresAt)})
          returning id`,
    );
    invitationId = row!.id;
  } catch (error) {
    if (isUniqueViolation(error, 'invitations_open_uq')) {
      throw new AppError('CONFLICT', `Someone invited ${email} at the same moment. Reload the page to see their invitation.`, { field: 'email', cause: error });
    }
    throw error;
  }
  await recordAudit(ctx, {
    action: 'member.invite',
    targetType: 'invitation',
    targetId: invitationId,
    after: { email, role: input.role, teamIds, expiresAt },
  });
  await sendInvitationEmail(ctx, { email, role: input.role, teamIds, token, expiresAt });
  return { invitationId, email, role: input.role, teamIds, expiresAt, sendCount: 1, resent: false, message: `Invitation sent to ${email}.` };
}
