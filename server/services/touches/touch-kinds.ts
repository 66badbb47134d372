import type { Direction, TouchKind } from '@/db/schema';

interface KindRule {
  /** Signal strength of an inbound touch: question > email reply > thank-you > click > visit > open. */
  strength: number;
  directions: readonly Direction[];
  /** An inbound touch of this kind waits for the agency's answer. */
  awaitsReply?: boolean;
  /** An outbound touch of this kind answers what was waiting. */
  answers?: boolean;
  label: string;
}

export const FOLLOW_UP_MIN_STRENGTH = 4;

export const TOUCH_RULES: Record<TouchKind, KindRule> = {
  question: { strength: 6, directions: ['inbound'], awaitsReply: true, label: 'Question' },
  email_reply: { strength: 5, directions: ['inbound'], awaitsReply: true, label: 'Email reply' },
  call: { strength: 5, directions: ['inbound', 'outbound'], answers: true, label: 'Call' },
  message: { strength: 5, directions: ['inbound', 'outbound'], answers: true, label: 'Message' },
  thank_you: { strength: 4, directions: ['inbound'], label: 'Thank-you note' },
  email_click: { strength: 3, directions: ['inbound'], label: 'Email link clicked' },
  portal_visit: { strength: 2, directions: ['inbound'], label: 'Portal visit' },
  email_open: { strength: 1, directions: ['inbound'], label: 'Email opened' },
  note: { strength: 0, directions: ['outbound'], label: 'Note' },
  answer: { strength: 0, directions: ['outbound'], answers: true, label: 'Answer' },
  email_sent: { strength: 0, directions: ['outbound'], answers: true, label: 'Email sent' },
  portal_link_sent: { strength: 0, directions: ['outbound'], label: 'Portal link sent' },
  status_update: { strength: 0, directions: ['outbound'], label: 'Status update' },
};

/** Strength of one touch: only what the candidate does is a signal. */
export function strengthOf(kind: TouchKind, direction: Direction): number {
  return direction === 'inbound' ? TOUCH_RULES[kind].strength : 0;
}

export const AWAITING_KINDS = (Object.keys(TOUCH_RULES) as TouchKind[]).filter((k) => TOUCH_RULES[k].awaitsReply);
export const ANSWERING_KINDS = (Object.keys(TOUCH_RULES) as TouchKind[]).filter((k) => TOUCH_RULES[k].answers);

export type StrengthTier = 'strong' | 'medium' | 'weak' | 'none';

export function tierOf(strength: number): StrengthTier {
  if (strength >= 5) return 'strong';
  if (strength >= FOLLOW_UP_MIN_STRENGTH) return 'medium';
  if (strength >= 1) return 'weak';
  return 'none';
}
