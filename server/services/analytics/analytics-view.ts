/**
 * The analytics page's view as it lives in the URL (team, job, owner, from, to), its charts and the
 * labels they share with the CSV downloads. No imports: server pages parse it, client components
 * write it back and draw the charts with it.
 */

/** Without dates, the page covers the last 12 ISO weeks (the current one included) in the agency's time zone. */
export const DEFAULT_WEEKS = 12;
/** The longest range one request may cover: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;

export interface AnalyticsFilters {
  teamId?: string;
  jobId?: string;
  /** The candidates' owner. */
  ownerId?: string;
  /** Calendar days (YYYY-MM-DD) in the agency's time zone, both inclusive. */
  from?: string;
  to?: string;
}

export const ANALYTICS_CHARTS = ['follow-up-rate', 'time-to-follow-up', 'signal-mix', 'reply-time'] as const;
export type AnalyticsChart = (typeof ANALYTICS_CHARTS)[number];

export const CHART_TITLES: Record<AnalyticsChart, string> = {
  'follow-up-rate': 'Follow-up rate by week',
  'time-to-follow-up': 'Time to follow up',
  'signal-mix': 'Signal mix by strength',
  'reply-time': 'Reply time against target',
};

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * The histogram of time to follow up. Each bucket holds gaps from `min` (inclusive) to the next
 * bucket's `min` (exclusive); `BUCKET_BOUNDS` are those lower bounds past the first, in seconds.
 * `axisLabel` is the short form under the bars, where a phone has room for little.
 */
export const FOLLOW_UP_BUCKETS = [
  { key: 'under_4h', label: '< 4 h', axisLabel: '< 4 h', min: 0 },
  { key: '4h_24h', label: '4–24 h', axisLabel: '4–24 h', min: 4 * HOUR },
  { key: '1d_2d', label: '1–2 days', axisLabel: '1–2 d', min: DAY },
  { key: '2d_4d', label: '2–4 days', axisLabel: '2–4 d', min: 2 * DAY },
  { key: '4d_7d', label: '4–7 days', axisLabel: '4–7 d', min: 4 * DAY },
  { key: 'over_7d', label: '> 7 days', axisLabel: '> 7 d', min: 7 * DAY },
] as const;
export type FollowUpBucketKey = (typeof FOLLOW_UP_BUCKETS)[number]['key'];
export const BUCKET_BOUNDS: readonly number[] = FOLLOW_UP_BUCKETS.slice(1).map((b) => b.min);

export const SIGNAL_TIERS = ['strong', 'medium', 'weak'] as const;
export type SignalTier = (typeof SIGNAL_TIERS)[number];
export const TIER_LABELS: Record<SignalTier, string> = {
  strong: 'Strong (question, email reply, call, message)',
  medium: 'Medium (thank-you note)',
  weak: 'Weak (click, portal visit, open)',
};
export const TIER_SHORT_LABELS: Record<SignalTier, string> = { strong: 'Strong', medium: 'Medium', weak: 'Weak' };

// ---- days and weeks: plain calendar arithmetic on YYYY-MM-DD, independent of the reader's zone ----

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A real calendar day in YYYY-MM-DD between the years 1900 and 2999: "2026-02-30" is not one. */
export function isDay(value: string): boolean {
  if (!DAY_RE.test(value) || value < '1900-01-01' || value > '2999-12-31') return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 86_400_000;
}

export function shiftDay(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Days from `from` to `to`: 0 for the same day. */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/** The Monday that starts the ISO week of a day. */
export function weekStartOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return shiftDay(day, -weekday);
}

/** Every ISO week (its Monday) that the days from `from` to `to` touch, oldest first. */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = weekStartOf(from); week <= to; week = shiftDay(week, 7)) weeks.push(week);
  return weeks;
}

/** "2026-W06" for the week that starts on a Monday. */
export function isoWeekLabel(monday: string): string {
  // The ISO year and number of a week are those of its Thursday: week 1 holds the year's first Thursday.
  const thursday = shiftDay(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** "3 Feb 2026" for a YYYY-MM-DD day. */
export function formatDayLabel(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** "3 Feb": a week's Monday on a chart axis. */
export function formatShortDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m}`;
}

/** Why a range cannot be shown, in words; null when it can (or a bound is missing). */
export function rangeProblem(from: string | undefined, to: string | undefined): string | null {
  if (!from || !to) return null;
  if (from > to) return 'The end date must be on or after the start date.';
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) return `Choose at most ${MAX_RANGE_DAYS} days (one year).`;
  return null;
}

// ---- the URL ----

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTER_KEYS = ['teamId', 'jobId', 'ownerId', 'from', 'to'] as const;

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The view a shared URL asks for. Lenient: a value that does not parse (an old link, a hand edit)
 * is dropped rather than breaking the page, and so is a range that is reversed or longer than a
 * year; the procedure and the CSV route validate strictly.
 */
export function parseAnalyticsView(params: SearchParams): AnalyticsFilters {
  const first = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  const view: AnalyticsFilters = {};
  for (const key of ['teamId', 'jobId', 'ownerId'] as const) {
    const value = first(key);
    if (UUID_RE.test(value)) view[key] = value.toLowerCase();
  }
  const from = first('from');
  const to = first('to');
  if (isDay(from)) view.from = from;
  if (isDay(to)) view.to = to;
  if (rangeProblem(view.from, view.to)) {
    delete view.from;
    delete view.to;
  }
  return view;
}

/** Query string for a view, leaving out what is not set so the default page keeps a plain URL. */
export function analyticsSearchParams(view: AnalyticsFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = view[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function hasAnalyticsFilters(view: AnalyticsFilters): boolean {
  return FILTER_KEYS.some((key) => Boolean(view[key]));
}
