import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations } from '@/db/schema';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';

export const RETENTION_MONTHS_MAX = 120;

export const ZUpdateRetentionInput = z.object({
  retentionMonths: z
    .number({ error: 'Enter a number of months, or leave it empty to keep candidates.' })
    .int('Use a whole number of months.')
    .min(1, 'Keep candidates for at least 1 month, or leave it empty to keep them.')
    .max(RETENTION_MONTHS_MAX, `Use at most ${RETENTION_MONTHS_MAX} months (10 years), or leave it empty to keep candidates.`)
    .nullable(),
});
export type UpdateRetentionInput = z.infer<typeof ZUpdateRetentionInput>;

/** How long inactive candidates are kept before the daily job erases them; null keeps them for good. */
export async function updateRetention(ctx: ServiceContext, input: UpdateRetentionInput) {
  const { tx, actor } = ctx;
  const [before] = await tx.select({ retentionMonths: organizations.retentionMonths }).from(organizations).where(eq(organizations.id, actor.orgId));
  if (!before) throw new AppError('NOT_FOUND', 'This agency does not exist.');
  const after = { retentionMonths: input.retentionMonths };
  await tx.update(organizations).set(after).where(eq(organizations.id, actor.orgId));
  await recordAudit(ctx, { action: 'settings.update', targetType: 'organization', targetId: actor.orgId, before, after });
  return after;
}
