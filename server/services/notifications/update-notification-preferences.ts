import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { execute } from '@/db/client';
import type { ServiceContext } from '@/server/services/types';
import { getNotificationPreferences, type NotificationPreferences } from './get-notification-preferences';

export const ZUpdateNotificationPreferencesInput = z
  .object({
    digestEnabled: z.boolean({ error: 'Choose whether to receive the daily digest.' }).optional(),
    reminderEmails: z.boolean({ error: 'Choose whether to receive reminder emails.' }).optional(),
  })
  .refine((v) => v.digestEnabled !== undefined || v.reminderEmails !== undefined, 'Choose at least one setting to change.');
export type UpdateNotificationPreferencesInput = z.infer<typeof ZUpdateNotificationPreferencesInput>;

/**
 * Changes the actor's own choices: only their membership row of this agency, whoever else is
 * named anywhere. A personal preference, so it is not audited.
 */
export async function updateNotificationPreferences(ctx: ServiceContext, input: UpdateNotificationPreferencesInput): Promise<NotificationPreferences> {
  const { digestEnabled, reminderEmails } = ZUpdateNotificationPreferencesInput.parse(input);
  await execute(ctx.tx, 
    sql`update memberships set
          digest_enabled = coalesce(${digestEnabled ?? null}::boolean, digest_enabled),
          reminder_emails = coalesce(${reminderEmails ?? null}::boolean, reminder_emails)
        where org_id = ${ctx.actor.orgId} and user_id = ${ctx.actor.userId}`,
  );
  return getNotificationPreferences(ctx);
}
