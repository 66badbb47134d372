import { analyticsRouter } from '@/server/routers/analytics.router';
import { applicationRouter } from '@/server/routers/application.router';
import { auditRouter } from '@/server/routers/audit.router';
import { candidateRouter } from '@/server/routers/candidate.router';
import { dashboardRouter } from '@/server/routers/dashboard.router';
import { emailRouter } from '@/server/routers/email.router';
import { importRouter } from '@/server/routers/import.router';
import { interviewRouter } from '@/server/routers/interview.router';
import { jobRouter } from '@/server/routers/job.router';
import { liveRouter } from '@/server/routers/live.router';
import { invitationRouter } from '@/server/routers/invitation.router';
import { memberRouter } from '@/server/routers/member.router';
import { notificationRouter } from '@/server/routers/notification.router';
import { orgRouter } from '@/server/routers/org.router';
import { portalRouter } from '@/server/routers/portal.router';
import { privacyRouter } from '@/server/routers/privacy.router';
import { responsivenessRouter } from '@/server/routers/responsiveness.router';
import { teamRouter } from '@/server/routers/team.router';
import { touchRouter } from '@/server/routers/touch.router';
import { createCallerFactory, createTRPCRouter } from './init';

export const appRouter = createTRPCRouter({
  org: orgRouter,
  team: teamRouter,
  member: memberRouter,
  invitation: invitationRouter,
  candidate: candidateRouter,
  job: jobRouter,
  application: applicationRouter,
  interview: interviewRouter,
  touch: touchRouter,
  dashboard: dashboardRouter,
  analytics: analyticsRouter,
  import: importRouter,
  portal: portalRouter,
  email: emailRouter,
  audit: auditRouter,
  responsiveness: responsivenessRouter,
  privacy: privacyRouter,
  notification: notificationRouter,
  live: liveRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
