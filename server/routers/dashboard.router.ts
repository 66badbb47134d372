import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';
import { getDashboardOptions } from '@/server/services/dashboard/get-dashboard-options';
import { listDashboard, ZListDashboardInput } from '@/server/services/dashboard/list-dashboard';
import { listRepliesOwed, ZListRepliesOwedInput } from '@/server/services/dashboard/list-replies-owed';
import { summarizeDashboard, ZDashboardSummaryInput } from '@/server/services/dashboard/summarize-dashboard';

export const dashboardRouter = createTRPCRouter({
  list: permissionProcedure('dashboard.read')
    .input(ZListDashboardInput)
    .query(({ ctx, input }) => listDashboard(ctx, input)),
  summary: permissionProcedure('dashboard.read')
    .input(ZDashboardSummaryInput)
    .query(({ ctx, input }) => summarizeDashboard(ctx, input)),
  options: permissionProcedure('dashboard.read').query(({ ctx }) => getDashboardOptions(ctx)),
  inbox: permissionProcedure('dashboard.read')
    .input(ZListRepliesOwedInput)
    .query(({ ctx, input }) => listRepliesOwed(ctx, input)),
});
