import { changeMemberRole, ZChangeMemberRoleInput } from '@/server/services/members/change-member-role';
import { removeMember, ZRemoveMemberInput } from '@/server/services/members/remove-member';
import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';

export const memberRouter = createTRPCRouter({
  changeRole: permissionProcedure('member.manage').input(ZChangeMemberRoleInput).mutation(({ ctx, input }) => changeMemberRole(ctx, input)),
  remove: permissionProcedure('member.manage').input(ZRemoveMemberInput).mutation(({ ctx, input }) => removeMember(ctx, input)),
});
