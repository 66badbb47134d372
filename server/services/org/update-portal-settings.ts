import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations } from '@/db/schema';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';

export const PORTAL_LINK_DAYS_MAX = 365;

export const ZUpdatePortalSettingsInput = z.object({
  portalLinkDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Use a whole number of days.')
    .min(1, 'A link must last at least 1 day.')
    .max(PORTAL_LINK_DAYS_MAX, `A link can last at most ${PORTAL_LINK_DAYS_MAX} days.`),
  brandColor: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #4338ca.')
    .transform((v) => v.toLowerCase()),
  logoUrl: z
    .string()
    .trim()
    .max(500, 'Keep the logo address under 500 characters.')
    .refine((v) => {
      if (v === '') return true;
      try {
        return new URL(v).protocol === 'https:';
      } catch {
        return false;
      }
    }, 'Use an https:// address for the logo, or leave it empty.')
    .transform((v) => (v === '' ? null : v)),
});
export type UpdatePortalSettingsInput = z.input<typeof ZUpdatePortalSettingsInput>;

/** What candidates see on the portal (brand colour, logo) and how long new links last. */
export async function updatePortalSettings(ctx: ServiceContext, input: z.output<typeof ZUpdatePortalSettingsInput>) {
  const { tx, actor } = ctx;
  const [before] = await tx
    .select({ portalLinkDays: organizations.portalLinkDays, brandColor: organizations.brandColor, logoUrl: organizations.logoUrl })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId));
  if (!before) throw new AppError('NOT_FOUND', 'This agency does not exist.');
  const after = { portalLinkDays: input.portalLinkDays, brandColor: input.brandColor, logoUrl: input.logoUrl };
  await tx.update(organizations).set(after).where(eq(organizations.id, actor.orgId));
  await recordAudit(ctx, { action: 'settings.update', targetType: 'organization', targetId: actor.orgId, before, after });
  return after;
}
