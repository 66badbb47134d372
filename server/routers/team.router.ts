import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';
import { createTeam, ZCreateTeamInput } from '@/server/services/team/create-team';

export const teamRouter = createTRPCRouter({
  create: permissionProcedure('team.create')
    .input(ZCreateTeamInput)
    .mutation(({ ctx, input }) => createTeam(ctx, input)),
});
