import type { z } from 'zod';
import type { ServiceContext } from '@/server/services/types';
import { loadPrivacyCandidate, type ZPrivacyCandidateInput } from './privacy-candidate';

/** Whether a candidate was erased, and when: the candidate page shows it instead of the actions. */
export async function getPrivacyStatus(ctx: ServiceContext, input: z.infer<typeof ZPrivacyCandidateInput>) {
  const candidate = await loadPrivacyCandidate(ctx, input.candidateId);
  return { candidateId: candidate.id, erasedAt: candidate.erasedAt, archivedAt: candidate.archivedAt };
}
