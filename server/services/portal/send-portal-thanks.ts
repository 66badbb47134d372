import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/server/services/records/storable-text';
import { queryRows } from '@/db/client';
import type { Interviewer } from '@/db/schema';
import { AppError } from '@/server/errors';
import { ZPortalRequestId, recordPortalSubmission } from './portal-submission';
import { THANKS_MAX, type PortalContext } from './types';

export const ZSendPortalThanksInput = z.object({
  body: z
    .string({ error: 'Write your note.' })
    .trim()
    .min(1, 'Write a few words before sending your note.')
    .max(THANKS_MAX, `Keep your note under ${THANKS_MAX.toLocaleString('en')} characters.`)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
  to: z.array(z.string().max(200).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)).max(20, 'Choose at most 20 interviewers.').default([]),
  requestId: ZPortalRequestId,
});
export type SendPortalThanksInput = z.input<typeof ZSendPortalThanksInput>;

/** Interviewers the candidate may address: those of the link's interview, or of the application's latest. */
export async function listPortalInterviewers({ tx, session }: PortalContext): Promise<string[]> {
  const [row] = await queryRows<{ interviewers: Interviewer[] }>(
    tx,
    session.interviewId
      ? sql`select interviewers from interviews where org_id = ${session.orgId} and id = ${session.interviewId}`
      : sql`select interviewers from interviews
            where org_id = ${session.orgId} and application_id = ${session.applicationId} and archived_at is null
            order by starts_at desc limit 1`,
  );
  return (row?.interviewers ?? []).map((i) => i.name);
}

/** A thank-you note, optionally addressed to named interviewers: an inbound touch. */
export async function sendPortalThanks(ctx: PortalContext, input: SendPortalThanksInput, now = new Date()) {
  const { body, to, requestId } = ZSendPortalThanksInput.parse(input);
  const known = new Set(await listPortalInterviewers(ctx));
  const unknown = to.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new AppError('BAD_REQUEST', `${unknown[0]} did not interview you. Choose from the list.`, { field: 'to' });
  return recordPortalSubmission(ctx, { kind: 'thank_you', body, requestId, meta: { to: [...new Set(to)] } }, now);
}
