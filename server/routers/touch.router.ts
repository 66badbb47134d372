import { createTRPCRouter } from '@/server/trpc/init';

export const touchRouter = createTRPCRouter({});
