import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { firstName } from '@/server/services/candidates/first-name';
import { queryRows } from '@/db/client';
import { AppError } from '@/server/errors';
import { getVisibleCandidate } from '@/server/services/candidates/get-candidate';
import { recordTouch } from '@/server/services/touches/record-touch';
import type { ServiceContext } from '@/server/services/types';
import { renderTemplate } from '@/emails';
import { EmailSecrets } from '@/server/email/email-secrets';
import { ensureConversation } from '@/server/services/email/ensure-conversation';
import { assertNotSuppressed, loadMailSettings, queueOutboundEmail } from '@/server/services/email/queue-outbound-email';
import { defaultThreadSubject, loadSender } from '@/server/services/email/send-candidate-email';

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
  /** Also email the answer to the candidate (threaded into their conversation). */
  email: z.boolean().default(false),
});
export type AnswerQuestionInput = z.input<typeof ZAnswerQuestionInput>;

interface AnswerRow extends Record<string, unknown> {
  id: string;
  meta: { clientRequestId?: string };
  occurred_at: Date;
  actor_name: string | null;
  email_id: string | null;
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
  const [question] = await queryRows<{ kind: string; application_id: string | null; interview_id: string | null; body: string | null }>(
    tx,
    sql`select kind, application_id, interview_id, body from touches
        where org_id = ${actor.orgId} and id = ${input.questionId} and candidate_id = ${input.candidateId}`,
  );
  if (!question || question.kind !== 'question') throw new AppError('NOT_FOUND', 'This question does not exist.', { field: 'questionId' });

  const dedupeKey = `answer:${input.questionId}`;
  const existing = await findAnswer(ctx, dedupeKey);
  if (existing) return sameOrConflict(existing, input.clientRequestId);
  if (input.email) await assertNotSuppressed(ctx, candidate.email);

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
  const emailId = input.email
    ? await emailAnswer(ctx, { candidate, question: question.body ?? '', answer: input.body, touchId: recorded.touch.id })
    : null;
  return { answerId: recorded.touch.id, answeredAt: recorded.touch.occurred_at, emailId };
}

async function emailAnswer(
  ctx: ServiceContext,
  input: { candidate: { id: string; name: string; email: string }; question: string; answer: string; touchId: string },
): Promise<string> {
  const org = await loadMailSettings(ctx);
  const sender = await loadSender(ctx);
  const conversation = await ensureConversation(ctx.tx, ctx.actor.orgId, input.candidate.id, await defaultThreadSubject(ctx, input.candidate.id, org.name));
  const secrets = new EmailSecrets();
  const rendered = await renderTemplate('question-answered', {
    candidateFirstName: firstName(input.candidate.name),
    agencyName: org.name,
    brandColor: org.brand_color,
    logoUrl: org.logo_url,
    recruiterName: sender.name,
    question: secrets.protect(input.question),
    answer: secrets.protect(input.answer),
    // The portal link is a secret only the candidate holds (its hash is all we keep).
    portalUrl: null,
  });
  const { id } = await queueOutboundEmail(ctx, {
    kind: 'question_answered',
    candidateId: input.candidate.id,
    to: input.candidate.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    touchId: input.touchId,
    conversation,
    org,
    fallbackReplyTo: sender.email,
    secrets,
  });
  return id;
}

async function findAnswer({ tx, actor }: ServiceContext, dedupeKey: string): Promise<AnswerRow | undefined> {
  const [row] = await queryRows<AnswerRow>(
    tx,
    sql`select t.id, t.meta, t.occurred_at, coalesce(u.name, u.email) as actor_name, e.id as email_id
        from touches t left join users u on u.id = t.actor_user_id
        left join outbound_emails e on e.org_id = t.org_id and e.touch_id = t.id
        where t.org_id = ${actor.orgId} and t.dedupe_key = ${dedupeKey}`,
  );
  return row;
}

function sameOrConflict(answer: AnswerRow, clientRequestId: string) {
  if (answer.meta.clientRequestId === clientRequestId) return { answerId: answer.id, answeredAt: answer.occurred_at, emailId: answer.email_id };
  throw new AppError('CONFLICT', `${answer.actor_name ?? 'Someone'} already answered this question.`);
}
