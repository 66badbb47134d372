import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { candidates } from '@/db/schema';
import { AppError, isUniqueViolation } from '@/server/errors';
import { canSeeTeam, loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';
import { ZCandidateFields } from './candidate-input';

export const ZCreateCandidateInput = ZCandidateFields;
export type CreateCandidateInput = z.infer<typeof ZCreateCandidateInput>;

/** Checks that the owner is a member and the team exists, so foreign ids get words, not FK errors. */
export async function checkOwnerAndTeam(ctx: ServiceContext, input: { ownerUserId?: string | null; teamId?: string | null }) {
  if (input.ownerUserId) {
    const [m] = await queryRows(ctx.tx, sql`select 1 from memberships where org_id = ${ctx.actor.orgId} and user_id = ${input.ownerUserId}`);
    if (!m) throw new AppError('NOT_FOUND', 'The owner is not a member of this agency.', { field: 'ownerUserId' });
  }
  if (input.teamId) {
    const [t] = await queryRows(ctx.tx, sql`select 1 from teams where org_id = ${ctx.actor.orgId} and id = ${input.teamId} and archived_at is null`);
    if (!t) throw new AppError('NOT_FOUND', 'This team does not exist.', { field: 'teamId' });
    const scope = await loadScope(ctx);
    if (!canSeeTeam(scope, input.teamId)) throw new AppError('FORBIDDEN', 'You can only add candidates to your own teams.', { field: 'teamId' });
  }
}

export function duplicateEmailError(email: string, cause?: unknown) {
  return new AppError('CONFLICT', `A candidate with the email ${email} already exists in this agency.`, { field: 'email', cause });
}

export async function createCandidate(ctx: ServiceContext, input: CreateCandidateInput) {
  await checkOwnerAndTeam(ctx, input);
  const rows = await ctx.tx
    .insert(candidates)
    .values({
      orgId: ctx.actor.orgId,
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      ownerUserId: input.ownerUserId ?? ctx.actor.userId,
      teamId: input.teamId ?? null,
      tags: input.tags ?? [],
      source: input.source ?? null,
    })
    .returning()
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'candidates_org_email_uq')) throw duplicateEmailError(input.email, error);
      throw error;
    });
  return rows[0]!;
}
