import { z } from 'zod';
import { AppError } from '@/server/errors';
import { getVisibleCandidate } from '@/server/services/candidates/get-candidate';
import type { ServiceContext } from '@/server/services/types';
import { BODY_MAX, recordTouch } from './record-touch';
import { EARLIEST_STORABLE } from '@/server/services/records/storable-dates';

/** What a recruiter may log by hand, and on which channel it happened. */
const MANUAL = {
  call: { channel: 'phone', directions: ['inbound', 'outbound'] },
  message: { channel: 'manual', directions: ['inbound', 'outbound'] },
  email_reply: { channel: 'email', directions: ['inbound'] },
  note: { channel: 'manual', directions: ['outbound'] },
} as const;

// Clocks drift: a minute ahead is "now", not the future.
const CLOCK_SKEW_MS = 60_000;

export const ZLogTouchInput = z.object({
  candidateId: z.uuid(),
  interviewId: z.uuid().optional(),
  kind: z.enum(['call', 'message', 'email_reply', 'note']),
  direction: z.enum(['inbound', 'outbound']),
  // The future is refused in logTouch, against its clock.
  occurredAt: z.coerce.date({ error: 'Enter when it happened' }).min(EARLIEST_STORABLE, 'Enter a time after the year 1900'),
  body: z.string().trim().max(BODY_MAX, `Keep it under ${BODY_MAX} characters`).optional(),
  clientRequestId: z.uuid(),
});

export async function logTouch(ctx: ServiceContext, input: z.infer<typeof ZLogTouchInput>, now = new Date()) {
  const rule = MANUAL[input.kind];
  if (!(rule.directions as readonly string[]).includes(input.direction)) {
    throw new AppError('BAD_REQUEST', input.kind === 'note' ? 'A note is always written by the agency.' : 'An email received elsewhere is always from the candidate.', { field: 'direction' });
  }
  if (input.occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new AppError('BAD_REQUEST', 'This time is in the future. Log what already happened.', { field: 'occurredAt' });
  }
  if (input.kind === 'note' && !input.body) throw new AppError('BAD_REQUEST', 'A note needs some text.', { field: 'body' });
  const candidate = await getVisibleCandidate(ctx, input.candidateId);
  if (candidate.archivedAt) throw new AppError('BAD_REQUEST', 'This candidate is archived. Restore them to log touches.');
  return recordTouch(
    { tx: ctx.tx, orgId: ctx.actor.orgId },
    {
      candidateId: input.candidateId,
      interviewId: input.interviewId,
      kind: input.kind,
      direction: input.direction,
      channel: rule.channel,
      occurredAt: input.occurredAt,
      body: input.body || undefined,
      actorUserId: ctx.actor.userId,
      // The client's request id makes a double submit or a retry record one touch.
      dedupeKey: `manual:${input.clientRequestId}`,
    },
  );
}
