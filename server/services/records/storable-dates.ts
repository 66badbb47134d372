import { z } from 'zod';

/*
 * The years every input date is kept to. JavaScript dates reach years Postgres cannot store (and
 * year 0, which it refuses), and a tampered cursor or a typo would otherwise become a 500.
 */
export const EARLIEST_STORABLE = new Date('1900-01-01T00:00:00Z');
export const LATEST_STORABLE = new Date('2999-12-31T23:59:59Z');

/** For messages: "between the years 1900 and 2999". */
export const STORABLE_YEARS = `between the years ${EARLIEST_STORABLE.getUTCFullYear()} and ${LATEST_STORABLE.getUTCFullYear()}`;

const FIRST_DAY = EARLIEST_STORABLE.toISOString().slice(0, 10);
const LAST_DAY = LATEST_STORABLE.toISOString().slice(0, 10);

/** A calendar day (a filter's from/to), within the storable years. */
export const ZCalendarDay = z.iso
  .date({ error: 'must be a date like 2026-01-31' })
  .refine((d) => d >= FIRST_DAY && d <= LAST_DAY, `must be a date ${STORABLE_YEARS}`);
