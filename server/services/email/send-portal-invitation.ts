import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { firstName } from '@/server/services/candidates/first-name';
import { renderTemplate } from '@/emails';
import { conversationSubject } from '@/emails/recruiter-reply';
import { queryRows } from '@/db/client';
import { EmailSecrets } from '@/server/email/email-secrets';
import { AppError } from '@/server/errors';
import { getVisibleCandidate } from '@/server/services/candidates/get-candidate';
import { createPortalLink, ZCreatePortalLinkInput } from '@/server/services/portal/create-portal-link';
import { recordTouch } from '@/server/services/touches/record-touch';
import type { ServiceContext } from '@/server/services/types';
import { ensureConversation } from './ensure-conversation';
import { assertNotSuppressed, loadMailSettings, queueOutboundEmail } from './queue-outbound-email';
import { loadSender } from './send-candidate-email';

export const NOTE_MAX = 1000;

export const ZSendPortalInvitationInput = ZCreatePortalLinkInput.extend({
  personalNote: z.string().trim().max(NOTE_MAX, `Keep the note under ${NOTE_MAX.toLocaleString('en')} characters.`).optional(),
});
export type SendPortalInvitationInput = z.infer<typeof ZSendPortalInvitationInput>;

const KIND_LABEL = { phone: 'phone', video: 'video', onsite: 'on-site' } as const;

/**
 * Emails the candidate a new portal link (rotating any previous one for the application). The
 * link, the outbound touch and the outbox row commit together or not at all.
 */
export async function sendPortalInvitation(ctx: ServiceContext, input: SendPortalInvitationInput) {
  const { tx, actor } = ctx;
  const candidate = await getVisibleCandidate(ctx, input.candidateId);
  if (candidate.archivedAt) throw new AppError('BAD_REQUEST', 'This candidate is archived. Restore them before sending a portal link.');
  await assertNotSuppressed(ctx, candidate.email);
  const link = await createPortalLink(ctx, input);

  const [about] = await queryRows<{ title: string; client_company: string; kind: 'phone' | 'video' | 'onsite' | null; starts_at: Date | null; time_zone: string }>(
    tx,
    sql`select j.title, j.client_company, i.kind, i.starts_at, o.time_zone
        from applications a join jobs j on j.org_id = a.org_id and j.id = a.job_id
        join organizations o on o.id = a.org_id
        left join interviews i on i.org_id = a.org_id and i.id = ${input.interviewId ?? null}
        where a.org_id = ${actor.orgId} and a.id = ${input.applicationId}`,
  );
  if (!about) throw new AppError('NOT_FOUND', 'This application does not exist.');
  const org = await loadMailSettings(ctx);
  const sender = await loadSender(ctx);
  const dateIn = (d: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { ...options, timeZone: about.time_zone }).format(d);
  const interviewLabel = about.kind && about.starts_at ? `your ${KIND_LABEL[about.kind]} interview on ${dateIn(about.starts_at, { weekday: 'long', day: 'numeric', month: 'long' })}` : null;

  // The link is live: the stored email holds a placeholder, the link itself is sealed beside it.
  const secrets = new EmailSecrets();
  const rendered = await renderTemplate('portal-invitation', {
    candidateFirstName: firstName(candidate.name),
    agencyName: org.name,
    brandColor: org.brand_color,
    logoUrl: org.logo_url,
    recruiterName: sender.name,
    jobTitle: about.title,
    clientCompany: about.client_company,
    interviewLabel,
    portalUrl: secrets.link('portal', link.url),
    expiresOn: dateIn(link.expiresAt, { day: 'numeric', month: 'long', year: 'numeric' }),
    personalNote: input.personalNote ? secrets.protect(input.personalNote) : null,
  });
  const conversation = await ensureConversation(tx, actor.orgId, candidate.id, conversationSubject(about.title));
  const { touch } = await recordTouch(
    { tx, orgId: actor.orgId },
    {
      candidateId: candidate.id,
      applicationId: input.applicationId,
      interviewId: input.interviewId,
      kind: 'portal_link_sent',
      direction: 'outbound',
      channel: 'email',
      occurredAt: new Date(),
      body: input.personalNote || undefined,
      actorUserId: actor.userId,
      dedupeKey: `portal-invitation:${link.linkId}`,
      meta: { portalLinkId: link.linkId, subject: rendered.subject },
    },
  );
  const email = await queueOutboundEmail(ctx, {
    kind: 'portal_invitation',
    candidateId: candidate.id,
    to: candidate.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    touchId: touch.id,
    conversation,
    org,
    fallbackReplyTo: sender.email,
    secrets,
  });
  return { linkId: link.linkId, expiresAt: link.expiresAt, replacedLinkId: link.replacedLinkId, emailId: email.id, to: candidate.email };
}
