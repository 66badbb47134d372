/**
 * Dates and durations for people: en-GB wording, the browser's time zone. Pure functions; the
 * components in ./time.tsx decide when they may run (the server does not know the user's zone).
 */

const LOCALE = 'en-GB';

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(options: Intl.DateTimeFormatOptions, timeZone?: string) {
  const key = JSON.stringify([options, timeZone ?? null]);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, ...(timeZone ? { timeZone } : {}) });
    cache.set(key, f);
  }
  return f;
}

export type DateStyle = 'datetime' | 'short' | 'date' | 'time' | 'full';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  datetime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  short: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
  full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
};

export function formatDate(value: Date, style: DateStyle = 'datetime', timeZone?: string): string {
  return dtf(STYLES[style], timeZone).format(value);
}

/** "26 Nov 2025, 14:05 – 15:00" (same day) or two full date-times. */
export function formatRange(start: Date, end: Date, timeZone?: string): string {
  const sameDay = formatDate(start, 'date', timeZone) === formatDate(end, 'date', timeZone);
  return sameDay ? `${formatDate(start, 'datetime', timeZone)} – ${formatDate(end, 'time', timeZone)}` : `${formatDate(start, 'datetime', timeZone)} – ${formatDate(end, 'datetime', timeZone)}`;
}

const rtf = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

/** "3 hours ago", "yesterday", "in 2 days". */
export function formatRelative(value: Date, now: Date): string {
  const seconds = Math.round((value.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 45 * 60) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 26 * 86400) return rtf.format(Math.round(seconds / 86400), 'day');
  if (abs < 320 * 86400) return rtf.format(Math.round(seconds / (30 * 86400)), 'month');
  return rtf.format(Math.round(seconds / (365 * 86400)), 'year');
}

/** A span of time in words: "45 min", "5 h 20 min", "2 days 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours ? `${days} days ${restHours} h` : `${days} days`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The value of an <input type="datetime-local"> for a Date, in the browser's time zone. */
export function toDatetimeLocal(value: Date): string {
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T${pad(value.getHours())}:${pad(value.getMinutes())}`;
}

/** The Date an <input type="datetime-local"> means, read as local time; null when empty or invalid. */
export function fromDatetimeLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  return Number.isNaN(date.getTime()) ? null : date;
}
