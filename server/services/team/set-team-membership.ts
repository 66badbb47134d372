import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { execute, queryRows } from '@/db/client';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';

export const ZSetTeamMembershipInput = z.object({
  teamId: z.uuid('This team does not exist.'),
  userId: z.uuid('This person is not a member of the agency.'),
  /** In the team or not; `lead` makes them its lead (one lead per team). */
  membership: z.enum(['none', 'member', 'lead'], { error: 'Choose none, member or lead.' }),
});

/** Puts a member in a team, makes them its lead, or takes them out; a team has at most one lead. */
export async function setTeamMembership(ctx: ServiceContext, input: z.infer<typeof ZSetTeamMembershipInput>) {
  const { tx, actor } = ctx;
  const [team] = await queryRows<{ archived_at: Date | null }>(tx, sql`select archived_at from teams where org_id = ${actor.orgId} and id = ${input.teamId}`);
  if (!team) throw new AppError('NOT_FOUND', 'This team does not exist.', { field: 'teamId' });
  if (team.archived_at && input.membership !== 'none') throw new AppError('BAD_REQUEST', 'This team is archived. Restore it to add people.', { field: 'teamId' });
  const [member] = await queryRows<{ user_id: string }>(tx, sql`select user_id from memberships where org_id = ${actor.orgId} and user_id = ${input.userId}`);
  if (!member) throw new AppError('NOT_FOUND', 'This person is not a member of the agency.', { field: 'userId' });
  const [before] = await queryRows<{ is_lead: boolean }>(
    tx,
    sql`select is_lead from team_members where org_id = ${actor.orgId} and team_id = ${input.teamId} and user_id = ${input.userId}`,
  );
  const was = before ? (before.is_lead ? 'lead' : 'member') : 'none';
  if (was === input.membership) return { ...input, changed: false };

  if (input.membership === 'none') {
    await execute(tx, sql`delete from team_members where org_id = ${actor.orgId} and team_id = ${input.teamId} and user_id = ${input.userId}`);
  } else {
    if (input.membership === 'lead') {
      await execute(tx, sql`update team_members set is_lead = false where org_id = ${actor.orgId} and team_id = ${input.teamId} and is_lead`);
    }
    await execute(tx, 
      sql`insert into team_members (org_id, team_id, user_id, is_lead) values (${actor.orgId}, ${input.teamId}, ${input.userId}, ${input.membership === 'lead'})
          on conflict (org_id, team_id, user_id) do update set is_lead = excluded.is_lead`,
    );
  }
  await recordAudit(ctx, { action: 'team.membership', targetType: 'team', targetId: input.teamId, before: { userId: input.userId, membership: was }, after: { userId: input.userId, membership: input.membership } });
  return { ...input, changed: true };
}
