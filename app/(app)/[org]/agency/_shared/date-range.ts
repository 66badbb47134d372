/**
 * A date range as the agency pages keep it in the URL (?from=&to=). No imports: server pages parse
 * it and client components write it back.
 */

/** A page's query string, as Next.js hands it over. */
export type SearchParams = Record<string, string | string[] | undefined>;

export interface DateRange {
  /** Calendar days (YYYY-MM-DD) in the agency's time zone, both inclusive. */
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day in YYYY-MM-DD: "2026-02-30" looks like one but is not. */
export function isDay(value: string): boolean {
  if (!DAY.test(value) || value < '1900-01-01' || value > '2999-12-31') return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A parameter's first value, trimmed; empty when it is missing (a link may repeat a parameter). */
export function firstParam(params: SearchParams, key: string): string {
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** The days a shared URL asks for. Lenient: a day that does not parse is dropped; the procedure validates strictly. */
export function parseDays(params: SearchParams): DateRange {
  const range: DateRange = {};
  const from = firstParam(params, 'from');
  const to = firstParam(params, 'to');
  if (isDay(from)) range.from = from;
  if (isDay(to)) range.to = to;
  return range;
}

/** Sets the range on a page's query string, after the parameters already there (?action=…&from=…&to=…). */
export function appendDays(params: URLSearchParams, range: DateRange): URLSearchParams {
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  return params;
}

/** Why the days are in the wrong order, in words; null when they are not (or one is missing). */
export function rangeOrderProblem(from: string | undefined, to: string | undefined): string | null {
  return from && to && from > to ? 'The end date must be on or after the start date.' : null;
}
