import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';
import { eraseCandidate, ZEraseCandidateInput } from '@/server/services/privacy/erase-candidate';
import { getPrivacyStatus } from '@/server/services/privacy/get-privacy-status';
import { getRetention } from '@/server/services/privacy/get-retention';
import { ZPrivacyCandidateInput } from '@/server/services/privacy/privacy-candidate';
import { updateRetention, ZUpdateRetentionInput } from '@/server/services/privacy/update-retention';

/** GDPR: erasure of one candidate, and the agency's retention period. The export is a download route. */
export const privacyRouter = createTRPCRouter({
  status: permissionProcedure('candidate.read')
    .input(ZPrivacyCandidateInput)
    .query(({ ctx, input }) => getPrivacyStatus(ctx, input)),
  erase: permissionProcedure('candidate.erase')
    .input(ZEraseCandidateInput)
    .mutation(({ ctx, input }) => eraseCandidate(ctx, input)),
  retention: permissionProcedure('org.read').query(({ ctx }) => getRetention(ctx)),
  updateRetention: permissionProcedure('org.update')
    .input(ZUpdateRetentionInput)
    .mutation(({ ctx, input }) => updateRetention(ctx, input)),
});
