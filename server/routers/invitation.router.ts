import { inviteMember, ZInviteMemberInput } from '@/server/services/members/invite-member';
import { listInvitations } from '@/server/services/members/list-invitations';
import { resendInvitation, ZResendInvitationInput } from '@/server/services/members/resend-invitation';
import { revokeInvitation, ZRevokeInvitationInput } from '@/server/services/members/revoke-invitation';
import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';

/**
 * Inviting people into an agency. Accepting is not here: the invitee is not a member yet, so it is
 * the page `/invite/[token]` and its form's route (app/invite/[token]/accept/route.ts), which
 * calls `acceptInvitation`.
 */
export const invitationRouter = createTRPCRouter({
  // Only those who can act on invitations see them (the addresses of people who have not joined).
  list: permissionProcedure('member.invite').query(({ ctx }) => listInvitations(ctx)),
  create: permissionProcedure('member.invite').input(ZInviteMemberInput).mutation(({ ctx, input }) => inviteMember(ctx, input)),
  resend: permissionProcedure('member.invite').input(ZResendInvitationInput).mutation(({ ctx, input }) => resendInvitation(ctx, input)),
  revoke: permissionProcedure('member.invite').input(ZRevokeInvitationInput).mutation(({ ctx, input }) => revokeInvitation(ctx, input)),
});
