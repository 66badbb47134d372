import { z } from 'zod';
import { loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';
import { cursorTag, dashboardFilterShape, dashboardSortShape, queryDashboardPage, SORT_KEYS, withOrderedDates, type DashboardPage } from './dashboard-query';
import { DEFAULT_ORDER } from './dashboard-view';
import { decodeCursor, ZCursor } from './keyset';

export const DASHBOARD_PAGE_SIZE = 25;
export const DASHBOARD_PAGE_MAX = 100;

export const ZListDashboardInput = withOrderedDates(
  z.object({
    ...dashboardFilterShape,
    ...dashboardSortShape,
    cursor: ZCursor.nullish(),
    limit: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(DASHBOARD_PAGE_MAX, `must be at most ${DASHBOARD_PAGE_MAX}`)
      .default(DASHBOARD_PAGE_SIZE),
  }),
).transform((input, ctx) => {
  const { cursor, ...rest } = input;
  const order = input.order ?? DEFAULT_ORDER[input.sort];
  if (!cursor) return { ...rest, order, after: null };
  const after = decodeCursor(cursor, cursorTag(input.sort, order), SORT_KEYS[input.sort]);
  if ('error' in after) {
    ctx.addIssue({ code: 'custom', message: after.error, path: ['cursor'] });
    return z.NEVER;
  }
  return { ...rest, order, after };
});
export type ListDashboardInput = z.output<typeof ZListDashboardInput>;

/** One page of the follow-up board: a row per interview, in the chosen order, after the cursor. */
export async function listDashboard(ctx: ServiceContext, input: ListDashboardInput): Promise<DashboardPage> {
  const scope = await loadScope(ctx);
  const { teamId, jobId, ownerId, stage, from, to, followedUp } = input;
  return queryDashboardPage(ctx, scope, {
    filters: { teamId, jobId, ownerId, stage, from, to, followedUp },
    sort: input.sort,
    order: input.order,
    after: input.after,
    limit: input.limit,
  });
}
