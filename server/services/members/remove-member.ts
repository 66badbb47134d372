import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { execute, queryRows } from '@/db/client';
import type { Role } from '@/db/schema';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';
import { lockOwners } from './change-member-role';

export const ZRemoveMemberInput = z.object({
  userId: z.uuid('This person is not a member of the agency.'),
  /** Who takes over the candidates (and so the open conversations) the member owns. */
  transferToUserId: z.uuid('Choose who takes over their candidates.').nullable(),
});

/**
 * Removes a member. Their candidates, and with them every open conversation and reply owed, pass
 * to the member chosen; nothing is left without an owner unless the member owned nothing.
 */
export async function removeMember(ctx: ServiceContext, input: z.infer<typeof ZRemoveMemberInput>) {
  const { tx, actor } = ctx;
  const owners = await lockOwners(ctx);
  const [member] = await queryRows<{ role: Role; email: string; owned: number }>(
    tx,
    sql`select m.role, u.email,
          (select count(*)::int from candidates c where c.org_id = m.org_id and c.owner_user_id = m.user_id) as owned
        from memberships m join users u on u.id = m.user_id where m.org_id = ${actor.orgId} and m.user_id = ${input.userId}`,
  );
  if (!member) throw new AppError('NOT_FOUND', 'This person is not a member of the agency.', { field: 'userId' });
  if (member.role === 'owner' && actor.role !== 'owner') throw new AppError('FORBIDDEN', 'Only an owner can remove an owner.');
  if (member.role === 'owner' && owners.length === 1) {
    throw new AppError('BAD_REQUEST', input.userId === actor.userId ? 'You are the last owner. Make someone else an owner before you leave.' : `${member.email} is the last owner and cannot be removed.`);
  }
  if (member.owned > 0) {
    if (!input.transferToUserId) {
      throw new AppError('BAD_REQUEST', `${member.email} owns ${member.owned} candidate${member.owned === 1 ? '' : 's'}. Choose who takes them over.`, { field: 'transferToUserId' });
    }
    if (input.transferToUserId === input.userId) throw new AppError('BAD_REQUEST', 'Choose someone other than the person leaving.', { field: 'transferToUserId' });
    const [heir] = await queryRows<{ role: Role }>(tx, sql`select role from memberships where org_id = ${actor.orgId} and user_id = ${input.transferToUserId}`);
    if (!heir) throw new AppError('NOT_FOUND', 'The person taking over is not a member of the agency.', { field: 'transferToUserId' });
    if (heir.role === 'viewer') throw new AppError('BAD_REQUEST', 'A viewer cannot own candidates. Choose a recruiter, admin or owner.', { field: 'transferToUserId' });
  }
  const transferred = member.owned > 0
    ? await queryRows<{ id: string }>(
        tx,
        sql`update candidates set owner_user_id = ${input.transferToUserId}, updated_at = now()
            where org_id = ${actor.orgId} and owner_user_id = ${input.userId} returning id`,
      )
    : [];
  await execute(tx, sql`delete from memberships where org_id = ${actor.orgId} and user_id = ${input.userId}`);
  await recordAudit(ctx, {
    action: 'member.remove',
    targetType: 'member',
    targetId: input.userId,
    before: { email: member.email, role: member.role, candidates: member.owned },
    after: { transferredTo: input.transferToUserId, candidates: transferred.length },
  });
  return { userId: input.userId, transferred: transferred.length };
}
