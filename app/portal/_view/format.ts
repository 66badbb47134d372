/**
 * Dates for the portal, in the agency's time zone with its name shown: the candidate may be
 * elsewhere, and the page is rendered on the server, which cannot know the reader's zone.
 */

const LOCALE = 'en-GB';

function usableTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export interface PortalDates {
  /** "3 Feb 2026, 14:05 CET" */
  dateTime(value: Date): string;
  /** "3 March 2026" */
  day(value: Date): string;
  /** "Tuesday, 3 February 2026, 14:00–15:00 CET", or two full date-times across days. */
  range(start: Date, end: Date): string;
}

export function portalDates(timeZone: string): PortalDates {
  const zone = usableTimeZone(timeZone);
  const dateTime = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  const day = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, day: 'numeric', month: 'long', year: 'numeric' });
  const range = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  return {
    dateTime: (value) => dateTime.format(value),
    day: (value) => day.format(value),
    range: (start, end) => (end.getTime() > start.getTime() ? range.formatRange(start, end) : range.format(start)),
  };
}

const names = new Intl.ListFormat(LOCALE, { style: 'long', type: 'conjunction' });

/** "Alex, Sam and Riley" */
export function formatNames(list: readonly string[]): string {
  return names.format(list);
}

/** "2,000" */
export function formatCount(n: number): string {
  return n.toLocaleString(LOCALE);
}
