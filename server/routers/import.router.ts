import { createTRPCRouter } from '@/server/trpc/init';

export const importRouter = createTRPCRouter({});
