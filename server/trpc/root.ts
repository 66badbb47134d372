import { orgRouter } from '@/server/routers/org.router';
import { teamRouter } from '@/server/routers/team.router';
import { createCallerFactory, createTRPCRouter } from './init';

export const appRouter = createTRPCRouter({
  org: orgRouter,
  team: teamRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
