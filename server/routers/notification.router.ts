import { countUnreadNotifications } from '@/server/services/notifications/count-unread-notifications';
import { getNotificationPreferences } from '@/server/services/notifications/get-notification-preferences';
import { listNotifications, ZListNotificationsInput } from '@/server/services/notifications/list-notifications';
import { markAllNotificationsRead, markNotificationsRead, ZMarkNotificationsReadInput } from '@/server/services/notifications/mark-notifications-read';
import { updateNotificationPreferences, ZUpdateNotificationPreferencesInput } from '@/server/services/notifications/update-notification-preferences';
import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';

/** The signed-in member's own notifications and notification choices; nobody reads or changes anyone else's. */
export const notificationRouter = createTRPCRouter({
  list: permissionProcedure('notification.read').input(ZListNotificationsInput).query(({ ctx, input }) => listNotifications(ctx, input)),
  unreadCount: permissionProcedure('notification.read').query(({ ctx }) => countUnreadNotifications(ctx)),
  markRead: permissionProcedure('notification.read').input(ZMarkNotificationsReadInput).mutation(({ ctx, input }) => markNotificationsRead(ctx, input)),
  markAllRead: permissionProcedure('notification.read').mutation(({ ctx }) => markAllNotificationsRead(ctx)),
  preferences: permissionProcedure('notification.read').query(({ ctx }) => getNotificationPreferences(ctx)),
  updatePreferences: permissionProcedure('notification.read')
    .input(ZUpdateNotificationPreferencesInput)
    .mutation(({ ctx, input }) => updateNotificationPreferences(ctx, input)),
});
