import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { AppError } from '@/server/errors';
import { getVisibleCandidate } from '@/server/services/candidates/get-candidate';
import { recordTouch } from '@/server/services/touches/record-touch';
import type { ServiceContext } from '@/server/services/types';

export const ANSWER_MAX = 5000;

export const ZAnswerQuestionInput = z.object({
  candidateId: z.uuid('This candidate does not exist.'),
  questionId: z.uuid('This question does not exist.'),
  body: z
    .string({ error: 'Write an answer.' })
    .trim()
    .min(1, 'Write an answer before sending it.')
    .max(ANSWER_MAX, `Keep the answer under ${ANSWER_MAX.toLocaleString('en')} characters.`),
  clientRequestId: z.uuid(),
});
export type AnswerQuestionInput = z.infer<typeof ZAnswerQuestionInput>;

interface AnswerRow extends Record<string, unknown> {
  id: string;
  meta: { clientRequestId?: string };
  occurred_at: Date;
  actor_name: string | null;
}

/**
 * The recruiter's answer to a candidate's portal question: an outbound touch that points at the
 * question, shown to the candidate on the portal. One answer per question: a second recruiter
 * answering at the same time is told, not silently ignored; a retried request is the same answer.
 */
export async function answerQuestion(ctx: ServiceContext, input: AnswerQuestionInput, now = new Date()) {
  const { tx, actor } = ctx;
  const candidate = await getVisibleCandidate(ctx, input.candidateId);
  if (candidate.archivedAt) throw new AppError('BAD_REQUEST', 'This candidate is archived. Restore them to answer.');
  const [question] = await queryRows<{ kind: string; application_id: string | null; interview_id: string | null }>(
    tx,
    sql`select kind, application_id, interview_id from touches
        where org_id = ${actor.orgId} and id = ${input.questionId} and candidate_id = ${input.candidateId}`,
  );
  if (!question || question.kind !== 'question') throw new AppError('NOT_FOUND', 'This question does not exist.', { field: 'questionId' });

  const dedupeKey = `answer:${input.questionId}`;
  const existing = await findAnswer(ctx, dedupeKey);
  if (existing) return sameOrConflict(existing, input.clientRequestId);

  const recorded = await recordTouch(
    { tx, orgId: actor.orgId },
    {
      candidateId: input.candidateId,
      applicationId: question.application_id ?? undefined,
      interviewId: question.interview_id ?? undefined,
      kind: 'answer',
      direction: 'outbound',
      channel: 'portal',
      occurredAt: now,
      body: input.body,
      actorUserId: actor.userId,
      dedupeKey,
      inReplyTo: input.questionId,
      meta: { clientRequestId: input.clientRequestId },
    },
  );
  if (!recorded.created) {
    const raced = await findAnswer(ctx, dedupeKey);
    if (raced) return sameOrConflict(raced, input.clientRequestId);
  }
  return { answerId: recorded.touch.id, answeredAt: recorded.touch.occurred_at };
}

async function findAnswer({ tx, actor }: ServiceContext, dedupeKey: string): Promise<AnswerRow | undefined> {
  const [row] = await queryRows<AnswerRow>(
    tx,
    sql`select t.id, t.meta, t.occurred_at, coalesce(u.name, u.email) as actor_name
        from touches t left join users u on u.id = t.actor_user_id
        where t.org_id = ${actor.orgId} and t.dedupe_key = ${dedupeKey}`,
  );
  return row;
}

function sameOrConflict(answer: AnswerRow, clientRequestId: string) {
  if (answer.meta.clientRequestId === clientRequestId) return { answerId: answer.id, answeredAt: answer.occurred_at };
  throw new AppError('CONFLICT', `${answer.actor_name ?? 'Someone'} already answered this question.`);
}
