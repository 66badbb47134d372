import { listAuditActions } from '@/server/services/audit/list-audit-actions';
import { listAuditLog, ZListAuditLogInput } from '@/server/services/audit/list-audit-log';
import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';

export const auditRouter = createTRPCRouter({
  list: permissionProcedure('audit.read')
    .input(ZListAuditLogInput)
    .query(({ ctx, input }) => listAuditLog(ctx, input)),
  actions: permissionProcedure('audit.read').query(({ ctx }) => listAuditActions(ctx)),
});
