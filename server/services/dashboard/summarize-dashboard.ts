import { z } from 'zod';
import { loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';
import { dashboardFilterShape, queryDashboardSummary, withOrderedDates, type DashboardSummary } from './dashboard-query';

export const ZDashboardSummaryInput = withOrderedDates(z.object(dashboardFilterShape));
export type DashboardSummaryInput = z.output<typeof ZDashboardSummaryInput>;

/** The counts above the board, for exactly the interviews its filters select. */
export async function summarizeDashboard(ctx: ServiceContext, input: DashboardSummaryInput): Promise<DashboardSummary> {
  return queryDashboardSummary(ctx, await loadScope(ctx), input);
}
