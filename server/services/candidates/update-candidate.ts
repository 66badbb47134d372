import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { candidates } from '@/db/schema';
import { AppError, isUniqueViolation } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';
import { ZCandidateFields } from './candidate-input';
import { checkOwnerAndTeam, duplicateEmailError } from './create-candidate';
import { getVisibleCandidate } from './get-candidate';

// Unlike creation, an update must be able to clear an optional field: '' or null stores null.
const clearable = (field: z.ZodType<string | undefined>) => z.union([z.literal('').transform(() => null), z.null(), field]).optional();

export const ZUpdateCandidateInput = ZCandidateFields.partial().extend({
  candidateId: z.uuid(),
  phone: clearable(ZCandidateFields.shape.phone),
  source: clearable(ZCandidateFields.shape.source),
});
export const ZArchiveCandidateInput = z.object({ candidateId: z.uuid(), archived: z.boolean() });

export async function updateCandidate(ctx: ServiceContext, input: z.infer<typeof ZUpdateCandidateInput>) {
  const before = await getVisibleCandidate(ctx, input.candidateId);
  if (before.erasedAt) throw new AppError('BAD_REQUEST', 'This candidate was erased; their record cannot be edited.');
  await checkOwnerAndTeam(ctx, input);
  const { candidateId, ...fields } = input;
  const [after] = await ctx.tx
    .update(candidates)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(candidates.orgId, ctx.actor.orgId), eq(candidates.id, candidateId)))
    .returning()
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'candidates_org_email_uq')) throw duplicateEmailError(input.email ?? before.email, error);
      throw error;
    });
  if (!after) throw new AppError('NOT_FOUND', 'This candidate does not exist.');
  if (before.ownerUserId !== after.ownerUserId) {
    await recordAudit(ctx, { action: 'candidate.reassign', targetType: 'candidate', targetId: candidateId, before: { ownerUserId: before.ownerUserId }, after: { ownerUserId: after.ownerUserId } });
  }
  return after;
}

/** Archiving hides a candidate from lists and the dashboard; nothing is deleted. */
export async function archiveCandidate(ctx: ServiceContext, input: z.infer<typeof ZArchiveCandidateInput>) {
  const candidate = await getVisibleCandidate(ctx, input.candidateId);
  if (candidate.erasedAt) throw new AppError('BAD_REQUEST', 'This candidate was erased; their record stays archived.');
  const [row] = await ctx.tx
    .update(candidates)
    .set({ archivedAt: input.archived ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(candidates.orgId, ctx.actor.orgId), eq(candidates.id, input.candidateId)))
    .returning();
  return row!;
}
