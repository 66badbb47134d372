import { sql } from 'drizzle-orm';
import { queryRows, ts } from '@/db/client';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';
import { lockInvitation, ZInvitationIdInput, type InvitationIdInput } from './invitation-rules';

export const ZRevokeInvitationInput = ZInvitationIdInput;

/** Stops an invitation at once: its link then shows "This invitation is not valid". */
export async function revokeInvitation(ctx: ServiceContext, input: InvitationIdInput, now = new Date()) {
  const invitation = await lockInvitation(ctx, input.invitationId);
  if (!invitation) throw new AppError('NOT_FOUND', 'This invitation does not exist.');
  if (invitation.accepted_at) {
    throw new AppError('BAD_REQUEST', `${invitation.email} already accepted this invitation. To take their access away, remove them from the agency.`);
  }
  if (invitation.revoked_at) {
    return { invitationId: invitation.id, email: invitation.email, revokedAt: invitation.revoked_at, changed: false, message: `The invitation to ${invitation.email} was already revoked.` };
  }
  const [row] = await queryRows<{ revoked_at: Date }>(
    ctx.tx,
    sql`update invitations set revoked_at = ${ts(now)} where org_id = ${ctx.actor.orgId} and id = ${invitation.id} returning revoked_at`,
  );
  await recordAudit(ctx, {
    action: 'invitation.revoke',
    targetType: 'invitation',
    targetId: invitation.id,
    before: { email: invitation.email, role: invitation.role, revokedAt: null },
    after: { revokedAt: row!.revoked_at },
  });
  return {
    invitationId: invitation.id,
    email: invitation.email,
    revokedAt: row!.revoked_at,
    changed: true,
    message: `The invitation to ${invitation.email} was revoked. Its link no longer works.`,
  };
}
