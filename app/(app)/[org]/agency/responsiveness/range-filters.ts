/**
 * The responsiveness page's date range as it lives in the URL (?from=&to=). No imports but the
 * shared range helpers: the server page parses it and the client component writes it back.
 */
import { appendDays, parseDays, rangeOrderProblem, type DateRange, type SearchParams } from '../_shared/date-range';

export type ResponsivenessRange = DateRange;

/** Keep in step with MAX_RANGE_DAYS in server/services/responsiveness/get-responsiveness.ts. */
export const MAX_RANGE_DAYS = 366;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Why a range cannot be shown, in words; null when it can. */
export function rangeProblem(from: string, to: string): string | null {
  const order = rangeOrderProblem(from, to);
  if (order) return order;
  if (from && to && daysBetween(from, to) >= MAX_RANGE_DAYS) return `Choose at most ${MAX_RANGE_DAYS} days.`;
  return null;
}

/**
 * The range a shared URL asks for. Lenient: a value that does not parse is dropped (and the page
 * shows the last 90 days) rather than breaking the page; the procedure validates strictly.
 */
export function parseResponsivenessRange(params: SearchParams): ResponsivenessRange {
  const range = parseDays(params);
  if (range.from && range.to && rangeProblem(range.from, range.to)) return {};
  return range;
}

export function rangeSearchParams(range: ResponsivenessRange): URLSearchParams {
  return appendDays(new URLSearchParams(), range);
}

/** "3 Feb 2026" for a YYYY-MM-DD day, whatever the reader's time zone. */
export function formatIsoDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}
