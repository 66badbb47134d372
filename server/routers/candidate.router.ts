import { createTRPCRouter } from '@/server/trpc/init';

export const candidateRouter = createTRPCRouter({});
