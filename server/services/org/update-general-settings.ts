import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations } from '@/db/schema';
import { AppError, isUniqueViolation } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';
import { ZCreateOrgInput } from './create-org';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const ZUpdateGeneralSettingsInput = ZCreateOrgInput.extend({
  followUpWindowDays: z.number({ error: 'Enter a number of days.' }).int('Use whole days.').min(1, 'At least 1 day.').max(60, 'At most 60 days.'),
  replyTargetHours: z.number({ error: 'Enter a number of hours.' }).int('Use whole hours.').min(1, 'At least 1 hour.').max(720, 'At most 720 hours (30 days).'),
  timeZone: z.string().trim().max(64).refine(isTimeZone, 'Choose a time zone such as Europe/London.'),
  replyToAddress: z
    .string()
    .trim()
    .max(320)
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter an email address, or leave it empty to use each recruiter’s own.')
    .transform((v) => (v === '' ? null : v.toLowerCase())),
});

/** The agency's name, web address, follow-up window, reply target, time zone and reply-to fallback. */
export async function updateGeneralSettings(ctx: ServiceContext, input: z.output<typeof ZUpdateGeneralSettingsInput>) {
  const { tx, actor } = ctx;
  const columns = {
    name: organizations.name,
    slug: organizations.slug,
    followUpWindowDays: organizations.followUpWindowDays,
    replyTargetHours: organizations.replyTargetHours,
    timeZone: organizations.timeZone,
    replyToAddress: organizations.replyToAddress,
  };
  const [before] = await tx.select(columns).from(organizations).where(eq(organizations.id, actor.orgId));
  if (!before) throw new AppError('NOT_FOUND', 'This agency does not exist.');
  try {
    await tx.update(organizations).set(input).where(eq(organizations.id, actor.orgId));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `The web address "${input.slug}" is taken. Choose another.`, { field: 'slug', cause: error });
    throw error;
  }
  await recordAudit(ctx, { action: 'settings.update', targetType: 'organization', targetId: actor.orgId, before, after: input });
  return input;
}
