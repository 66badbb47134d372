import { sql } from 'drizzle-orm';
import { renderTemplate } from '@/emails';
import { conversationSubject, recruiterReplySubject } from '@/emails/recruiter-reply';
import { queryRows } from '@/db/client';
import { firstName } from '@/server/services/candidates/first-name';
import { ensureConversation } from '@/server/services/email/ensure-conversation';
import { loadMailSettings, queueOutboundEmail } from '@/server/services/email/queue-outbound-email';
import { recordTouch } from '@/server/services/touches/record-touch';
import type { ServiceContext } from '@/server/services/types';
import { findDueStatusUpdate } from './find-due-status-updates';

const KIND_LABEL = { phone: 'phone', video: 'video', onsite: 'on-site' } as const;

export type StatusUpdateOutcome = 'sent' | 'not_due' | 'suppressed' | 'duplicate';

interface About extends Record<string, unknown> {
  candidate_name: string;
  email: string;
  title: string;
  client_company: string;
  kind: keyof typeof KIND_LABEL;
  starts_at: Date;
  time_zone: string;
  owner_name: string | null;
  owner_email: string | null;
  sent_before: number;
}

/**
 * Sends one application's "no decision yet" update, if it is still due: an outbound
 * `status_update` touch on the candidate's timeline and an email threaded into their
 * conversation, in the caller's transaction. The touch's dedupe key counts the updates of the
 * application, so two runs racing for the same update record and send it once.
 */
export async function sendStatusUpdate(ctx: ServiceContext, input: { now: Date; everyDays: number; applicationId: string }): Promise<StatusUpdateOutcome> {
  const { tx, actor } = ctx;
  const due = await findDueStatusUpdate(ctx, input);
  if (!due) return 'not_due';
  if (due.suppressed) return 'suppressed';

  const [about] = await queryRows<About>(
    tx,
    sql`select c.name as candidate_name, c.email, j.title, j.client_company, i.kind, i.starts_at, o.time_zone,
          coalesce(nullif(trim(u.name), ''), split_part(u.email, '@', 1)) as owner_name, u.email as owner_email,
          (select count(*)::int from touches s where s.org_id = a.org_id and s.application_id = a.id and s.kind = 'status_update') as sent_before
        from applications a
        join candidates c on c.org_id = a.org_id and c.id = a.candidate_id
        join jobs j on j.org_id = a.org_id and j.id = a.job_id
        join interviews i on i.org_id = a.org_id and i.id = ${due.interview_id}
        join organizations o on o.id = a.org_id
        left join users u on u.id = c.owner_user_id
        where a.org_id = ${actor.orgId} and a.id = ${input.applicationId}`,
  );
  if (!about) return 'not_due';

  const org = await loadMailSettings(ctx);
  const interviewDay = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: about.time_zone }).format(about.starts_at);
  const rendered = await renderTemplate('status-update', {
    candidateFirstName: firstName(about.candidate_name),
    agencyName: org.name,
    brandColor: org.brand_color,
    logoUrl: org.logo_url,
    jobTitle: about.title,
    clientCompany: about.client_company,
    interviewLabel: `your ${KIND_LABEL[about.kind]} interview on ${interviewDay}`,
    recruiterName: about.owner_name,
    canReply: Boolean(org.inbound_domain || org.reply_to_address || about.owner_email),
    everyDays: input.everyDays,
  });
  const conversation = await ensureConversation(tx, actor.orgId, due.candidate_id, conversationSubject(about.title));
  // In a thread that already has messages, the subject continues it, so mail clients keep it together.
  const subject = conversation.last_message_id ? recruiterReplySubject(conversation.subject) : rendered.subject;
  const dedupeKey = `status-update:${input.applicationId}:${about.sent_before + 1}`;

  const { touch, created } = await recordTouch(
    { tx, orgId: actor.orgId },
    {
      candidateId: due.candidate_id,
      applicationId: input.applicationId,
      interviewId: due.interview_id,
      kind: 'status_update',
      direction: 'outbound',
      channel: 'email',
      occurredAt: input.now,
      body: `Automatic update: no decision yet on the ${about.title} application.`,
      actorUserId: null,
      dedupeKey,
      meta: { subject, everyDays: input.everyDays },
    },
  );
  if (!created) return 'duplicate';
  await queueOutboundEmail(ctx, {
    kind: 'status_update',
    candidateId: due.candidate_id,
    to: about.email,
    subject,
    html: rendered.html,
    text: rendered.text,
    touchId: touch.id,
    conversation,
    org,
    fallbackReplyTo: about.owner_email,
    dedupeKey,
    createdBy: null,
  });
  return 'sent';
}
