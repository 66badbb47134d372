/**
 * The responsiveness page's date range as it lives in the URL (?from=&to=). No imports: the
 * server page parses it and the client component writes it back.
 */

export interface ResponsivenessRange {
  /** Calendar days (YYYY-MM-DD) in the agency's time zone, both inclusive. */
  from?: string;
  to?: string;
}

/** Keep in step with MAX_RANGE_DAYS in server/services/responsiveness/get-responsiveness.ts. */
export const MAX_RANGE_DAYS = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function isDay(value: string): boolean {
  if (!DAY.test(value) || value < '1900-01-01' || value > '2999-12-31') return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Why a range cannot be shown, in words; null when it can. */
export function rangeProblem(from: string, to: string): string | null {
  if (from && to && from > to) return 'The end date must be on or after the start date.';
  if (from && to && daysBetween(from, to) >= MAX_RANGE_DAYS) return `Choose at most ${MAX_RANGE_DAYS} days.`;
  return null;
}

/**
 * The range a shared URL asks for. Lenient: a value that does not parse is dropped (and the page
 * shows the last 90 days) rather than breaking the page; the procedure validates strictly.
 */
export function parseResponsivenessRange(params: Record<string, string | string[] | undefined>): ResponsivenessRange {
  const first = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  const range: ResponsivenessRange = {};
  const from = first('from');
  const to = first('to');
  if (isDay(from)) range.from = from;
  if (isDay(to)) range.to = to;
  if (range.from && range.to && rangeProblem(range.from, range.to)) return {};
  return range;
}

export function rangeSearchParams(range: ResponsivenessRange): URLSearchParams {
  const params = new URLSearchParams();
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  return params;
}

/** "3 Feb 2026" for a YYYY-MM-DD day, whatever the reader's time zone. */
export function formatIsoDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}
