import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { AppError } from '@/server/errors';
import type { ServiceContext } from '@/server/services/types';

/** The agency's retention setting: candidates inactive for this many months are erased; null keeps them. */
export async function getRetention(ctx: ServiceContext): Promise<{ retentionMonths: number | null }> {
  const [row] = await ctx.tx.select({ retentionMonths: organizations.retentionMonths }).from(organizations).where(eq(organizations.id, ctx.actor.orgId));
  if (!row) throw new AppError('NOT_FOUND', 'This agency does not exist.');
  return row;
}
