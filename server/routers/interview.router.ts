import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';
import { createInterview, updateInterview, ZCreateInterviewInput, ZUpdateInterviewInput } from '@/server/services/interviews/create-interview';

export const interviewRouter = createTRPCRouter({
  create: permissionProcedure('candidate.write').input(ZCreateInterviewInput).mutation(({ ctx, input }) => createInterview(ctx, input)),
  update: permissionProcedure('candidate.write').input(ZUpdateInterviewInput).mutation(({ ctx, input }) => updateInterview(ctx, input)),
});
