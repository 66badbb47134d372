import { getResponsiveness, ZGetResponsivenessInput } from '@/server/services/responsiveness/get-responsiveness';
import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';

export const responsivenessRouter = createTRPCRouter({
  get: permissionProcedure('responsiveness.read')
    .input(ZGetResponsivenessInput)
    .query(({ ctx, input }) => getResponsiveness(ctx, input)),
});
