import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/server/services/records/storable-text';
import { ZPortalRequestId, recordPortalSubmission } from './portal-submission';
import { QUESTION_MAX, type PortalContext } from './types';

export const ZSubmitPortalQuestionInput = z.object({
  body: z
    .string({ error: 'Write your question.' })
    .trim()
    .min(1, 'Write your question before sending it.')
    .max(QUESTION_MAX, `Keep your question under ${QUESTION_MAX.toLocaleString('en')} characters.`)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
  requestId: ZPortalRequestId,
});
export type SubmitPortalQuestionInput = z.infer<typeof ZSubmitPortalQuestionInput>;

/** A candidate's question: an inbound touch that waits for the agency's answer. */
export async function submitPortalQuestion(ctx: PortalContext, input: SubmitPortalQuestionInput, now = new Date()) {
  const { body, requestId } = ZSubmitPortalQuestionInput.parse(input);
  return recordPortalSubmission(ctx, { kind: 'question', body, requestId }, now);
}
