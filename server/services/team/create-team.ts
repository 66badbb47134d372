import { z } from 'zod';
import { teams } from '@/db/schema';
import { AppError, isUniqueViolation } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';

export const ZCreateTeamInput = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(60, 'must be at most 60 characters'),
});

export async function createTeam({ tx, actor }: ServiceContext, input: z.infer<typeof ZCreateTeamInput>) {
  const inserted = await tx
    .insert(teams)
    .values({ orgId: actor.orgId, name: input.name })
    .returning({ id: teams.id, name: teams.name })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'teams_org_name_uq')) {
        throw new AppError('CONFLICT', `A team called "${input.name}" already exists.`, { field: 'name', cause: error });
      }
      throw error;
    });
  const team = inserted[0];
  if (!team) throw new Error('team not created');
  await recordAudit({ tx, actor }, { action: 'team.create', targetType: 'team', targetId: team.id, after: team });
  return team;
}
