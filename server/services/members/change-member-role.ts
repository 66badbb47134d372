import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { execute, queryRows } from '@/db/client';
import { ROLES, type Role } from '@/db/schema';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';

export const ZChangeMemberRoleInput = z.object({
  userId: z.uuid('This person is not a member of the agency.'),
  role: z.enum(ROLES, { error: 'Choose owner, admin, recruiter or viewer.' }),
});

export async function lockOwners(ctx: ServiceContext): Promise<string[]> {
  // Locks the owners' rows: two admins demoting the last two owners at once must not both succeed.
  const rows = await queryRows<{ user_id: string }>(
    ctx.tx,
    sql`select user_id from memberships where org_id = ${ctx.actor.orgId} and role = 'owner' for update`,
  );
  return rows.map((r) => r.user_id);
}

/**
 * Changes a member's role. Only an owner makes or unmakes owners; the last owner can be neither
 * demoted nor removed, so an agency always has someone who can manage it.
 */
export async function changeMemberRole(ctx: ServiceContext, input: z.infer<typeof ZChangeMemberRoleInput>) {
  const { tx, actor } = ctx;
  const owners = await lockOwners(ctx);
  const [member] = await queryRows<{ role: Role; email: string }>(
    tx,
    sql`select m.role, u.email from memberships m join users u on u.id = m.user_id where m.org_id = ${actor.orgId} and m.user_id = ${input.userId}`,
  );
  if (!member) throw new AppError('NOT_FOUND', 'This person is not a member of the agency.', { field: 'userId' });
  if (member.role === input.role) return { userId: input.userId, role: input.role, changed: false };
  if ((member.role === 'owner' || input.role === 'owner') && actor.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only an owner can make someone an owner or change an owner’s role.', { field: 'role' });
  }
  if (member.role === 'owner' && owners.length === 1) {
    throw new AppError('BAD_REQUEST', `${member.email} is the last owner. Make someone else an owner first.`, { field: 'role' });
  }
  await execute(tx, sql`update memberships set role = ${input.role} where org_id = ${actor.orgId} and user_id = ${input.userId}`);
  await recordAudit(ctx, { action: 'member.role_change', targetType: 'member', targetId: input.userId, before: { role: member.role }, after: { role: input.role } });
  return { userId: input.userId, role: input.role, changed: true };
}
