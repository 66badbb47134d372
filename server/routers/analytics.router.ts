import { getAnalytics, ZGetAnalyticsInput } from '@/server/services/analytics/get-analytics';
import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';

export const analyticsRouter = createTRPCRouter({
  /** All four charts in one round trip; the filter pickers come from dashboard.options. */
  get: permissionProcedure('analytics.read')
    .input(ZGetAnalyticsInput)
    .query(({ ctx, input }) => getAnalytics(ctx, input)),
});
