import { z } from 'zod';
import { recordAudit } from '@/server/services/audit/record-audit';
import { loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';
import { toCsv, type CsvValue } from './csv';
import { dashboardFilterShape, dashboardSortShape, queryDashboardPage, withOrderedDates, type DashboardRow } from './dashboard-query';
import { DEFAULT_ORDER, EXPORT_ROW_LIMIT } from './dashboard-view';

export { EXPORT_ROW_LIMIT };

export const ZExportDashboardCsvInput = withOrderedDates(z.object({ ...dashboardFilterShape, ...dashboardSortShape })).transform((input) => ({
  ...input,
  order: input.order ?? DEFAULT_ORDER[input.sort],
}));
export type ExportDashboardCsvInput = z.output<typeof ZExportDashboardCsvInput>;

const STATUS_LABELS: Record<DashboardRow['status'], string> = { followed_up: 'Followed up', waiting: 'Waiting', silent: 'Silent' };

const COLUMNS: { header: string; value: (row: DashboardRow) => CsvValue }[] = [
  { header: 'Candidate', value: (r) => r.candidateName },
  { header: 'Candidate email', value: (r) => r.candidateEmail },
  { header: 'Job', value: (r) => r.jobTitle },
  { header: 'Client', value: (r) => r.clientCompany },
  { header: 'Team', value: (r) => r.teamName },
  { header: 'Stage', value: (r) => r.stage },
  { header: 'Interview kind', value: (r) => r.interviewKind },
  { header: 'Interview ended (UTC)', value: (r) => r.endsAt },
  { header: 'Status', value: (r) => STATUS_LABELS[r.status] },
  { header: 'Followed up at (UTC)', value: (r) => r.followedUpAt },
  { header: 'Time to follow up (hours)', value: (r) => (r.latencySeconds === null ? null : (r.latencySeconds / 3600).toFixed(1)) },
  { header: 'Strongest signal', value: (r) => (r.strength === 'none' ? null : r.strength) },
  { header: 'Strongest touch', value: (r) => r.strongestLabel },
  { header: 'Score', value: (r) => r.scorePoints },
  { header: 'Owner', value: (r) => r.ownerName },
];

export interface DashboardCsv {
  csv: string;
  rowCount: number;
  truncated: boolean;
}

/** The dashboard's current view as CSV: same filters, same order, same visibility, capped at EXPORT_ROW_LIMIT rows (tests lower the cap). */
export async function exportDashboardCsv(
  ctx: ServiceContext,
  input: ExportDashboardCsvInput,
  { rowLimit = EXPORT_ROW_LIMIT }: { rowLimit?: number } = {},
): Promise<DashboardCsv> {
  const { sort, order, ...filters } = input;
  const page = await queryDashboardPage(ctx, await loadScope(ctx), { filters, sort, order, after: null, limit: rowLimit });
  const truncated = page.nextCursor !== null;
  // Candidate names and emails leave the system here, so the export is on the audit trail.
  await recordAudit(ctx, {
    action: 'dashboard.export',
    targetType: 'dashboard',
    after: { filters, sort, order, rows: page.items.length, truncated },
  });
  return {
    csv: toCsv(
      COLUMNS.map((c) => c.header),
      page.items.map((row) => COLUMNS.map((c) => c.value(row))),
    ),
    rowCount: page.items.length,
    truncated,
  };
}
