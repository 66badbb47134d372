import type { TouchKind } from '@/db/schema';
import { TOUCH_RULES } from '@/server/services/touches/touch-kinds';
import { localTime } from './digest-day';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * "3 minutes", "5 hours", "2 days": whole units rounded down, in words, because the digest is read
 * as sentences. Hours run up to two days, like the reply target they are compared with.
 */
export function spelledDuration(ms: number): string {
  const m = Math.max(0, ms);
  if (m < HOUR) return count(Math.max(1, Math.floor(m / MINUTE)), 'minute');
  if (m < 2 * DAY) return count(Math.floor(m / HOUR), 'hour');
  return count(Math.floor(m / DAY), 'day');
}

const DID: Partial<Record<TouchKind, string>> = {
  question: 'Asked a question',
  email_reply: 'Replied by email',
  call: 'Called',
  message: 'Sent a message',
  thank_you: 'Sent a thank-you note',
};

/**
 * One line of what a candidate did: "Asked a question 2 hours after the interview". Timed from the
 * interview the touch is about when there is one, else by the agency's clock ("yesterday at 14:05").
 */
export function followUpSignal(touch: { kind: TouchKind; occurredAt: Date; interviewEndedAt: Date | null }, timeZone: string): string {
  const did = DID[touch.kind] ?? TOUCH_RULES[touch.kind].label;
  const sinceInterview = touch.interviewEndedAt ? touch.occurredAt.getTime() - touch.interviewEndedAt.getTime() : -1;
  if (sinceInterview >= 0) return `${did} ${spelledDuration(sinceInterview)} after the interview`;
  return `${did} yesterday at ${localTime(touch.occurredAt, timeZone)}`;
}
