import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations } from '@/db/schema';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';

export const STATUS_UPDATE_DAYS_MIN = 1;
export const STATUS_UPDATE_DAYS_MAX = 60;

export const ZUpdateStatusUpdateSettingsInput = z.object({
  statusUpdatesEnabled: z.boolean({ error: 'Choose whether to send status updates.' }),
  statusUpdateDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Use a whole number of days.')
    .min(STATUS_UPDATE_DAYS_MIN, `Send updates at most once a day: enter ${STATUS_UPDATE_DAYS_MIN} day or more.`)
    .max(STATUS_UPDATE_DAYS_MAX, `Send updates at least every ${STATUS_UPDATE_DAYS_MAX} days: enter ${STATUS_UPDATE_DAYS_MAX} or fewer.`),
});
export type UpdateStatusUpdateSettingsInput = z.infer<typeof ZUpdateStatusUpdateSettingsInput>;

/** Whether candidates still waiting after an interview hear "no decision yet", and how often. */
export async function updateStatusUpdateSettings(ctx: ServiceContext, input: UpdateStatusUpdateSettingsInput) {
  const { tx, actor } = ctx;
  const columns = { statusUpdatesEnabled: organizations.statusUpdatesEnabled, statusUpdateDays: organizations.statusUpdateDays };
  const [before] = await tx.select(columns).from(organizations).where(eq(organizations.id, actor.orgId));
  if (!before) throw new AppError('NOT_FOUND', 'This agency does not exist.');
  const after = { statusUpdatesEnabled: input.statusUpdatesEnabled, statusUpdateDays: input.statusUpdateDays };
  await tx.update(organizations).set(after).where(eq(organizations.id, actor.orgId));
  await recordAudit(ctx, { action: 'settings.update', targetType: 'organization', targetId: actor.orgId, before, after });
  return after;
}
