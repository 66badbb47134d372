import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { conversationSubject, recruiterReplySubject } from '@/emails/recruiter-reply';
import { renderTemplate } from '@/emails';
import { queryRows } from '@/db/client';
import { EmailSecrets } from '@/server/email/email-secrets';
import { refuseControlCharacters } from '@/server/email/headers';
import { AppError } from '@/server/errors';
import { getVisibleCandidate } from '@/server/services/candidates/get-candidate';
import { recordTouch } from '@/server/services/touches/record-touch';
import type { ServiceContext } from '@/server/services/types';
import { ensureConversation } from './ensure-conversation';
import { assertNotSuppressed, loadMailSettings, queueOutboundEmail } from './queue-outbound-email';

export const EMAIL_BODY_MAX = 5000;
export const SUBJECT_MAX = 200;

export const ZSendCandidateEmailInput = z.object({
  candidateId: z.uuid('This candidate does not exist.'),
  subject: z
    .string()
    .trim()
    .max(SUBJECT_MAX, `Keep the subject under ${SUBJECT_MAX} characters.`)
    .refine(...refuseControlCharacters('subject'))
    .optional(),
  body: z
    .string({ error: 'Write a message.' })
    .trim()
    .min(1, 'Write a message before sending it.')
    .max(EMAIL_BODY_MAX, `Keep the message under ${EMAIL_BODY_MAX.toLocaleString('en')} characters.`),
  /** The candidate's question or email this message answers. */
  inReplyToTouchId: z.uuid().optional(),
  clientRequestId: z.uuid(),
});
export type SendCandidateEmailInput = z.infer<typeof ZSendCandidateEmailInput>;

export interface Sender {
  name: string;
  email: string;
}

export async function loadSender(ctx: ServiceContext): Promise<Sender> {
  const [user] = await queryRows<{ name: string | null; email: string }>(ctx.tx, sql`select name, email from users where id = ${ctx.actor.userId}`);
  if (!user) throw new AppError('UNAUTHORIZED', 'Please sign in again.');
  return { name: user.name ?? user.email.split('@')[0]!, email: user.email };
}

/** The subject a new thread starts with: the role of the candidate's latest application. */
export async function defaultThreadSubject(ctx: ServiceContext, candidateId: string, agencyName: string): Promise<string> {
  const [latest] = await queryRows<{ title: string }>(
    ctx.tx,
    sql`select j.title from applications a join jobs j on j.org_id = a.org_id and j.id = a.job_id
        where a.org_id = ${ctx.actor.orgId} and a.candidate_id = ${candidateId} and a.archived_at is null
        order by a.updated_at desc limit 1`,
  );
  return latest ? conversationSubject(latest.title) : `Following up from ${agencyName}`;
}

/**
 * A recruiter writes to a candidate: an outbound email touch and an outbox row in one
 * transaction, threaded into the candidate's conversation. A retried request sends nothing twice.
 */
export async function sendCandidateEmail(ctx: ServiceContext, input: SendCandidateEmailInput) {
  const { tx, actor } = ctx;
  const candidate = await getVisibleCandidate(ctx, input.candidateId);
  if (candidate.archivedAt) throw new AppError('BAD_REQUEST', 'This candidate is archived. Restore them to write to them.');
  const dedupeKey = `email:${input.clientRequestId}`;
  const [existing] = await queryRows<{ id: string; email_id: string | null }>(
    tx,
    sql`select t.id, e.id as email_id from touches t left join outbound_emails e on e.org_id = t.org_id and e.touch_id = t.id
        where t.org_id = ${actor.orgId} and t.dedupe_key = ${dedupeKey}`,
  );
  if (existing) return { touchId: existing.id, emailId: existing.email_id };
  await assertNotSuppressed(ctx, candidate.email);

  const org = await loadMailSettings(ctx);
  const sender = await loadSender(ctx);
  const conversation = await ensureConversation(tx, actor.orgId, candidate.id, input.subject || (await defaultThreadSubject(ctx, candidate.id, org.name)));
  const subject = conversation.last_message_id ? recruiterReplySubject(conversation.subject) : conversation.subject;

  let quoted: { from: string; sentAt: string; text: string } | null = null;
  if (input.inReplyToTouchId) {
    const [original] = await queryRows<{ body: string | null; occurred_at: Date }>(
      tx,
      sql`select body, occurred_at from touches where org_id = ${actor.orgId} and id = ${input.inReplyToTouchId} and candidate_id = ${candidate.id}`,
    );
    if (original?.body) {
      quoted = { from: candidate.name, sentAt: original.occurred_at.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC', text: original.body };
    }
  }

  // A live link pasted into the message (a portal link copied from the candidate's page) goes
  // out in the email, but is stored as a placeholder: the touch keeps "[portal link]".
  const secrets = new EmailSecrets();
  const rendered = await renderTemplate('recruiter-reply', {
    agencyName: org.name,
    brandColor: org.brand_color,
    logoUrl: org.logo_url,
    recruiterName: sender.name,
    body: secrets.protect(input.body),
    quoted: quoted && { ...quoted, text: secrets.protect(quoted.text) },
    threadSubject: conversation.subject,
  });
  const { touch } = await recordTouch(
    { tx, orgId: actor.orgId },
    {
      candidateId: candidate.id,
      kind: 'email_sent',
      direction: 'outbound',
      channel: 'email',
      occurredAt: new Date(),
      body: input.body,
      actorUserId: actor.userId,
      dedupeKey,
      inReplyTo: input.inReplyToTouchId,
      meta: { subject },
    },
  );
  const email = await queueOutboundEmail(ctx, {
    kind: 'recruiter_reply',
    candidateId: candidate.id,
    to: candidate.email,
    subject,
    html: rendered.html,
    text: rendered.text,
    touchId: touch.id,
    conversation,
    org,
    fallbackReplyTo: sender.email,
    secrets,
  });
  return { touchId: touch.id, emailId: email.id };
}
