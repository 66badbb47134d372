import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';
import { createCandidate, ZCreateCandidateInput } from '@/server/services/candidates/create-candidate';
import { getCandidate, ZGetCandidateInput } from '@/server/services/candidates/get-candidate';
import { listCandidates, ZListCandidatesInput } from '@/server/services/candidates/list-candidates';
import { archiveCandidate, updateCandidate, ZArchiveCandidateInput, ZUpdateCandidateInput } from '@/server/services/candidates/update-candidate';

export const candidateRouter = createTRPCRouter({
  list: permissionProcedure('candidate.read').input(ZListCandidatesInput).query(({ ctx, input }) => listCandidates(ctx, input)),
  get: permissionProcedure('candidate.read').input(ZGetCandidateInput).query(({ ctx, input }) => getCandidate(ctx, input)),
  create: permissionProcedure('candidate.write').input(ZCreateCandidateInput).mutation(({ ctx, input }) => createCandidate(ctx, input)),
  update: permissionProcedure('candidate.write').input(ZUpdateCandidateInput).mutation(({ ctx, input }) => updateCandidate(ctx, input)),
  archive: permissionProcedure('candidate.write').input(ZArchiveCandidateInput).mutation(({ ctx, input }) => archiveCandidate(ctx, input)),
});
