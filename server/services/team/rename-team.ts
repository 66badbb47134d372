import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { execute, queryRows } from '@/db/client';
import { AppError, isUniqueViolation } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';
import { ZCreateTeamInput } from './create-team';

export const ZRenameTeamInput = ZCreateTeamInput.extend({ teamId: z.uuid('This team does not exist.') });

export async function renameTeam(ctx: ServiceContext, input: z.infer<typeof ZRenameTeamInput>) {
  const [before] = await queryRows<{ name: string }>(ctx.tx, sql`select name from teams where org_id = ${ctx.actor.orgId} and id = ${input.teamId}`);
  if (!before) throw new AppError('NOT_FOUND', 'This team does not exist.', { field: 'teamId' });
  try {
    await execute(ctx.tx, sql`update teams set name = ${input.name} where org_id = ${ctx.actor.orgId} and id = ${input.teamId}`);
  } catch (error) {
    if (isUniqueViolation(error, 'teams_org_name_uq')) throw new AppError('CONFLICT', `A team called "${input.name}" already exists.`, { field: 'name', cause: error });
    throw error;
  }
  await recordAudit(ctx, { action: 'team.rename', targetType: 'team', targetId: input.teamId, before, after: { name: input.name } });
  return { teamId: input.teamId, name: input.name };
}
