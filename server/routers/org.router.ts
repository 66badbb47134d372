import { authedProcedure, createTRPCRouter, permissionProcedure } from '@/server/trpc/init';
import { createOrg, ZCreateOrgInput } from '@/server/services/org/create-org';
import { getOrgOverview } from '@/server/services/org/get-org-overview';
import { updatePortalSettings, ZUpdatePortalSettingsInput } from '@/server/services/org/update-portal-settings';
import { updateEmailSettings, ZUpdateEmailSettingsInput } from '@/server/services/org/update-email-settings';
import { updateGeneralSettings, ZUpdateGeneralSettingsInput } from '@/server/services/org/update-general-settings';
import { updateStatusUpdateSettings, ZUpdateStatusUpdateSettingsInput } from '@/server/services/org/update-status-update-settings';
import { unsafeListUserMemberships } from '@/server/services/org/unsafe-list-user-memberships';

export const orgRouter = createTRPCRouter({
  mine: authedProcedure
    .meta({ tenantFree: 'lists only the signed-in user’s own memberships' })
    .query(({ ctx }) => unsafeListUserMemberships({ userId: ctx.userId })),
  create: authedProcedure
    .meta({ tenantFree: 'creates a new agency owned by the caller; touches no existing agency' })
    .input(ZCreateOrgInput)
    .mutation(({ ctx, input }) => createOrg({ userId: ctx.userId, input })),
  overview: permissionProcedure('org.read').query(({ ctx }) => getOrgOverview(ctx)),
  updateSettings: permissionProcedure('org.update')
    .input(ZUpdateGeneralSettingsInput)
    .mutation(({ ctx, input }) => updateGeneralSettings(ctx, input)),
  updatePortalSettings: permissionProcedure('org.update')
    .input(ZUpdatePortalSettingsInput)
    .mutation(({ ctx, input }) => updatePortalSettings(ctx, input)),
  updateEmailSettings: permissionProcedure('org.update')
    .input(ZUpdateEmailSettingsInput)
    .mutation(({ ctx, input }) => updateEmailSettings(ctx, input)),
  updateStatusUpdates: permissionProcedure('org.update')
    .input(ZUpdateStatusUpdateSettingsInput)
    .mutation(({ ctx, input }) => updateStatusUpdateSettings(ctx, input)),
});
