import { z } from 'zod';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';
import { loadPrivacyCandidate } from './privacy-candidate';
import { scrubCandidate } from './scrub-candidate';

export const CONFIRM_MESSAGE = "Type the candidate's name to confirm.";

export const ZEraseCandidateInput = z.object({
  candidateId: z.uuid('This candidate does not exist.'),
  confirmName: z.string({ error: CONFIRM_MESSAGE }).trim().max(500, CONFIRM_MESSAGE),
});
export type EraseCandidateInput = z.infer<typeof ZEraseCandidateInput>;

/**
 * GDPR erasure of one candidate, on an admin's request: in one transaction (the procedure's), the
 * personal data goes and the statistics stay (see scrubCandidate). The admin types the candidate's
 * name to confirm. The audit entry holds counts only, never what was erased.
 */
export async function eraseCandidate(ctx: ServiceContext, input: EraseCandidateInput) {
  const candidate = await loadPrivacyCandidate(ctx, input.candidateId, { lock: true });
  if (candidate.erasedAt) throw new AppError('CONFLICT', 'This candidate has already been erased.');
  if (input.confirmName.trim() !== candidate.name.trim()) throw new AppError('BAD_REQUEST', CONFIRM_MESSAGE, { field: 'confirmName' });

  const { before, after } = await scrubCandidate({ tx: ctx.tx, orgId: ctx.actor.orgId }, candidate, { actorUserId: ctx.actor.userId });
  await recordAudit(ctx, { action: 'candidate.erase', targetType: 'candidate', targetId: candidate.id, before, after: { ...after, reason: 'request' } });
  return { candidateId: candidate.id, ...after };
}
