import { createTRPCRouter } from '@/server/trpc/init';

export const applicationRouter = createTRPCRouter({});
