import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';
import { archiveTeam, ZArchiveTeamInput } from '@/server/services/team/archive-team';
import { createTeam, ZCreateTeamInput } from '@/server/services/team/create-team';
import { renameTeam, ZRenameTeamInput } from '@/server/services/team/rename-team';
import { setTeamMembership, ZSetTeamMembershipInput } from '@/server/services/team/set-team-membership';

export const teamRouter = createTRPCRouter({
  create: permissionProcedure('team.create').input(ZCreateTeamInput).mutation(({ ctx, input }) => createTeam(ctx, input)),
  rename: permissionProcedure('team.manage').input(ZRenameTeamInput).mutation(({ ctx, input }) => renameTeam(ctx, input)),
  archive: permissionProcedure('team.manage').input(ZArchiveTeamInput).mutation(({ ctx, input }) => archiveTeam(ctx, input)),
  setMembership: permissionProcedure('team.manage').input(ZSetTeamMembershipInput).mutation(({ ctx, input }) => setTeamMembership(ctx, input)),
});
