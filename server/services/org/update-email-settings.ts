import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations } from '@/db/schema';
import { refuseControlCharacters } from '@/server/email/headers';
import { AppError, isUniqueViolation } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const ZUpdateEmailSettingsInput = z.object({
  senderName: z
    .string()
    .trim()
    .max(100, 'Keep the sender name under 100 characters.')
    .refine(...refuseControlCharacters('sender name'))
    .refine((v) => !/["<>]/.test(v), 'The sender name can’t contain quotes or angle brackets.')
    .transform((v) => (v === '' ? null : v)),
  inboundDomain: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === '' || DOMAIN.test(v), 'Enter a domain such as replies.youragency.com, or leave it empty.')
    .transform((v) => (v === '' ? null : v)),
  trackEngagement: z.boolean(),
});

/** Who candidates see as sender, where their replies arrive, and whether opens and clicks count. */
export async function updateEmailSettings(ctx: ServiceContext, input: z.output<typeof ZUpdateEmailSettingsInput>) {
  const { tx, actor } = ctx;
  const [before] = await tx
    .select({ senderName: organizations.senderName, inboundDomain: organizations.inboundDomain, trackEngagement: organizations.trackEngagement })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId));
  if (!before) throw new AppError('NOT_FOUND', 'This agency does not exist.');
  try {
    await tx.update(organizations).set(input).where(eq(organizations.id, actor.orgId));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'Another agency already receives mail on this domain.', { field: 'inboundDomain', cause: error });
    throw error;
  }
  await recordAudit(ctx, { action: 'settings.update', targetType: 'organization', targetId: actor.orgId, before, after: input });
  return input;
}
