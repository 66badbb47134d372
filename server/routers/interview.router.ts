import { createTRPCRouter } from '@/server/trpc/init';

export const interviewRouter = createTRPCRouter({});
