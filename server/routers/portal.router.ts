import { sendPortalInvitation, ZSendPortalInvitationInput } from '@/server/services/email/send-portal-invitation';
import { answerQuestion, ZAnswerQuestionInput } from '@/server/services/portal/answer-question';
import { createPortalLink, ZCreatePortalLinkInput } from '@/server/services/portal/create-portal-link';
import { listPortalLinks, ZListPortalLinksInput } from '@/server/services/portal/list-portal-links';
import { revokePortalLink, ZRevokePortalLinkInput } from '@/server/services/portal/revoke-portal-link';
import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';

/** The recruiter's side of the candidate portal; the candidate's side is plain HTML under /portal. */
export const portalRouter = createTRPCRouter({
  links: permissionProcedure('candidate.read').input(ZListPortalLinksInput).query(({ ctx, input }) => listPortalLinks(ctx, input)),
  createLink: permissionProcedure('portal.link').input(ZCreatePortalLinkInput).mutation(({ ctx, input }) => createPortalLink(ctx, input)),
  sendInvitation: permissionProcedure('portal.link')
    .input(ZSendPortalInvitationInput)
    .mutation(({ ctx, input }) => sendPortalInvitation(ctx, input)),
  revokeLink: permissionProcedure('portal.link').input(ZRevokePortalLinkInput).mutation(({ ctx, input }) => revokePortalLink(ctx, input)),
  answer: permissionProcedure('question.answer').input(ZAnswerQuestionInput).mutation(({ ctx, input }) => answerQuestion(ctx, input)),
});
