import { createTRPCRouter } from '@/server/trpc/init';

export const jobRouter = createTRPCRouter({});
