import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { execute, queryRows } from '@/db/client';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';

export const ZArchiveTeamInput = z.object({ teamId: z.uuid('This team does not exist.'), archived: z.boolean() });

/** Archived teams take no new jobs or candidates; what they hold stays readable to admins. */
export async function archiveTeam(ctx: ServiceContext, input: z.infer<typeof ZArchiveTeamInput>) {
  const [team] = await queryRows<{ archived_at: Date | null }>(ctx.tx, sql`select archived_at from teams where org_id = ${ctx.actor.orgId} and id = ${input.teamId}`);
  if (!team) throw new AppError('NOT_FOUND', 'This team does not exist.', { field: 'teamId' });
  if (Boolean(team.archived_at) === input.archived) return { teamId: input.teamId, archived: input.archived, changed: false };
  await execute(ctx.tx, 
    sql`update teams set archived_at = ${input.archived ? sql`now()` : sql`null`} where org_id = ${ctx.actor.orgId} and id = ${input.teamId}`,
  );
  await recordAudit(ctx, {
    action: input.archived ? 'team.archive' : 'team.restore',
    targetType: 'team',
    targetId: input.teamId,
    before: { archived: !input.archived },
    after: { archived: input.archived },
  });
  return { teamId: input.teamId, archived: input.archived, changed: true };
}
