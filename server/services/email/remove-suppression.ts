import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';

export const ZRemoveSuppressionInput = z.object({ email: z.email('Enter an email address.').max(320) });

/** Lets the agency write to an address again (the candidate fixed their mailbox); audited. */
export async function removeSuppression(ctx: ServiceContext, input: z.infer<typeof ZRemoveSuppressionInput>) {
  const [removed] = await queryRows<{ email: string; reason: string }>(
    ctx.tx,
    sql`delete from suppressions where org_id = ${ctx.actor.orgId} and email = ${input.email.toLowerCase()} returning email, reason`,
  );
  if (!removed) throw new AppError('NOT_FOUND', `${input.email} is not on the suppression list.`, { field: 'email' });
  await recordAudit(ctx, { action: 'suppression.remove', targetType: 'suppression', targetId: removed.email, before: removed, after: null });
  return { email: removed.email };
}
