import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';
import { createApplication, updateApplication, ZCreateApplicationInput, ZUpdateApplicationInput } from '@/server/services/applications/create-application';

export const applicationRouter = createTRPCRouter({
  create: permissionProcedure('candidate.write').input(ZCreateApplicationInput).mutation(({ ctx, input }) => createApplication(ctx, input)),
  update: permissionProcedure('candidate.write').input(ZUpdateApplicationInput).mutation(({ ctx, input }) => updateApplication(ctx, input)),
});
