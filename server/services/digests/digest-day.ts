import { TZDate } from '@date-fns/tz';
import { format, startOfDay, subDays } from 'date-fns';

/** The agency-local hour from which a day's digest is due. */
export const DIGEST_HOUR = 8;

export interface DigestDay {
  /** The agency's local time has reached DIGEST_HOUR today. */
  due: boolean;
  /** Today in the agency's time zone, `yyyy-mm-dd`: names the digest in its dedupe key. */
  date: string;
  /** "Wednesday 4 November", for the subject and the greeting. */
  label: string;
  /** The agency's yesterday, as instants: [from, to). Not always 24 hours: daylight saving moves it. */
  yesterdayFrom: Date;
  yesterdayTo: Date;
}

/** Where `now` falls in the agency's own day. Throws on a time zone the runtime does not know. */
export function digestDay(now: Date, timeZone: string): DigestDay {
  const local = new TZDate(now.getTime(), timeZone);
  if (Number.isNaN(local.getTime()) || Number.isNaN(local.getHours())) throw new RangeError(`unknown time zone "${timeZone}"`);
  const today = startOfDay(local);
  return {
    due: local.getHours() >= DIGEST_HOUR,
    date: format(local, 'yyyy-MM-dd'),
    label: format(local, 'EEEE d MMMM'),
    yesterdayFrom: new Date(subDays(today, 1).getTime()),
    yesterdayTo: new Date(today.getTime()),
  };
}

/** A time of day in the agency's zone, e.g. "14:05". */
export function localTime(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), 'HH:mm');
}
