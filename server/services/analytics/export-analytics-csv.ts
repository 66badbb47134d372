import { z } from 'zod';
import { toCsv, type CsvValue } from '@/server/services/dashboard/csv';
import type { ServiceContext } from '@/server/services/types';
import { analyticsFilterShape, queryFollowUpRate, queryReplyTime, querySignalMix, queryTimeToFollowUp, withAnalyticsRange, type AnalyticsWeek } from './analytics-query';
import { ANALYTICS_CHARTS, type AnalyticsChart } from './analytics-view';
import { prepareAnalytics } from './get-analytics';

export const ZExportAnalyticsCsvInput = withAnalyticsRange(
  z.object({
    ...analyticsFilterShape,
    chart: z.enum(ANALYTICS_CHARTS, { error: `must be one of: ${ANALYTICS_CHARTS.join(', ')}` }),
  }),
);
export type ExportAnalyticsCsvInput = z.output<typeof ZExportAnalyticsCsvInput>;

export interface AnalyticsCsv {
  csv: string;
  chart: AnalyticsChart;
  /** The days covered, both inclusive, in the agency's time zone. */
  from: string;
  to: string;
}

const WEEK_HEADERS = ['Week starting', 'ISO week', 'Partial week'];
const weekCells = (w: AnalyticsWeek): CsvValue[] => [w.week, w.isoWeek, w.partial ? 'yes' : 'no'];
const percent = (share: number | null) => (share === null ? null : (share * 100).toFixed(1));
const hours = (seconds: number | null) => (seconds === null ? null : (seconds / 3600).toFixed(1));

/**
 * One chart of the analytics page as CSV: the figures its table view shows, with the same filters,
 * range and visibility. Only counts and durations leave the system (no names), so unlike the
 * dashboard export it is not written to the audit log.
 */
export async function exportAnalyticsCsv(ctx: ServiceContext, input: ExportAnalyticsCsvInput): Promise<AnalyticsCsv> {
  const { chart, ...filters } = input;
  const q = await prepareAnalytics(ctx, filters);
  let header: string[];
  let rows: CsvValue[][];
  switch (chart) {
    case 'follow-up-rate': {
      const data = await queryFollowUpRate(ctx, q);
      header = [...WEEK_HEADERS, 'Interviews ended', 'Followed up', 'Silent', 'Still waiting', 'Follow-up rate (%)'];
      rows = data.weeks.map((w) => [...weekCells(w), w.interviews, w.followedUp, w.silent, w.waiting, percent(w.rate)]);
      break;
    }
    case 'time-to-follow-up': {
      const data = await queryTimeToFollowUp(ctx, q);
      header = ['Time to follow up', 'Interviews', 'Share (%)'];
      rows = data.buckets.map((b) => [b.label, b.count, percent(b.share)]);
      break;
    }
    case 'signal-mix': {
      const data = await querySignalMix(ctx, q);
      header = [...WEEK_HEADERS, 'Strong', 'Medium', 'Weak', 'Total'];
      rows = data.weeks.map((w) => [...weekCells(w), w.strong, w.medium, w.weak, w.total]);
      break;
    }
    case 'reply-time': {
      const data = await queryReplyTime(ctx, q);
      header = [...WEEK_HEADERS, 'Questions', 'Answered', 'Unanswered', 'Answered within target', 'Median reply time (hours)', 'Reply target (hours)'];
      rows = data.weeks.map((w) => [...weekCells(w), w.questions, w.answered, w.unanswered, w.withinTarget, hours(w.medianSeconds), data.targetHours]);
      break;
    }
  }
  return { csv: toCsv(header, rows), chart, from: q.range.from, to: q.range.to };
}
