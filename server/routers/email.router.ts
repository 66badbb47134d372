import { listSuppressions } from '@/server/services/email/list-suppressions';
import { listUnroutedEmails, ZListUnroutedEmailsInput } from '@/server/services/email/list-unrouted-emails';
import { removeSuppression, ZRemoveSuppressionInput } from '@/server/services/email/remove-suppression';
import { sendCandidateEmail, ZSendCandidateEmailInput } from '@/server/services/email/send-candidate-email';
import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';

export const emailRouter = createTRPCRouter({
  send: permissionProcedure('email.send').input(ZSendCandidateEmailInput).mutation(({ ctx, input }) => sendCandidateEmail(ctx, input)),
  unrouted: permissionProcedure('email.manage').input(ZListUnroutedEmailsInput).query(({ ctx, input }) => listUnroutedEmails(ctx, input)),
  suppressions: permissionProcedure('email.manage').query(({ ctx }) => listSuppressions(ctx)),
  removeSuppression: permissionProcedure('email.manage').input(ZRemoveSuppressionInput).mutation(({ ctx, input }) => removeSuppression(ctx, input)),
});
