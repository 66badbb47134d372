import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';
import { listTimeline, ZListTimelineInput } from '@/server/services/touches/list-timeline';
import { logTouch, ZLogTouchInput } from '@/server/services/touches/log-touch';

export const touchRouter = createTRPCRouter({
  timeline: permissionProcedure('touch.read').input(ZListTimelineInput).query(({ ctx, input }) => listTimeline(ctx, input)),
  log: permissionProcedure('touch.log').input(ZLogTouchInput).mutation(({ ctx, input }) => logTouch(ctx, input)),
});
