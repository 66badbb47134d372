import EmailReplyParser from 'email-reply-parser';
import type { Resend } from 'resend';
import { sql } from 'drizzle-orm';
import { execute } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { inboundEmails } from '@/db/schema';
import { redactSecretLinks } from '@/server/email/email-secrets';
import { resendApi } from '@/server/email/transport';
import { toStorableJson } from '@/server/services/records/storable-text';
import { BODY_MAX, recordTouch } from '@/server/services/touches/record-touch';
import { parseReplyAddress } from './conversation-address';
import { unsafeFindConversationByToken, unsafeFindOrgByInboundDomain } from './unsafe-email-lookups';

const REFERENCES_KEPT = 20;

/** What the candidate wrote this time: quoted history and signatures cut off by a maintained parser. */
export function visibleReply(text: string): string {
  const visible = new EmailReplyParser().read(text.replace(/\r\n/g, '\n')).getVisibleText().trim();
  return visible || text.trim();
}

function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * An `email.received` event: fetch the message from Resend, find its conversation by the reply
 * address, and record the candidate's reply (quoted history stripped) as an inbound touch. Mail to
 * an agency's domain that names no conversation is kept for its admins; nothing is dropped.
 */
export async function routeInboundEmail(resendEmailId: string, options: { now?: Date; resend?: Resend | null } = {}): Promise<string> {
  const now = options.now ?? new Date();
  if (!resendEmailId) return 'ignored: no email_id';
  const api = options.resend ?? resendApi();
  if (!api) throw new Error('cannot fetch received mail: RESEND_API_KEY is not set');
  const { data: fetched, error } = await api.emails.receiving.get(resendEmailId);
  if (!fetched) throw new Error(`fetching received email ${resendEmailId} failed: ${error?.message ?? 'no data'}`);
  // Mail is what anyone wrote: a NUL or half an emoji in it would fail every insert below, and the
  // job would retry it for ever. Such characters are kept as U+FFFD.
  const message = toStorableJson(fetched);

  const recipients = [...new Set([...(message.to ?? []), ...(message.cc ?? []), ...(message.received_for ?? [])].map((a) => a.toLowerCase()))];
  // A reply quotes the email it answers, and that may be the portal invitation: its live link is
  // cut out of everything kept (a candidate pasting their own link is cut the same way).
  const fullText = redactSecretLinks((message.text ?? (message.html ? htmlToText(message.html) : '')).trim());
  const body = truncate(visibleReply(fullText), BODY_MAX);
  const receivedAt = new Date(message.created_at);
  const base = {
    resendEmailId,
    fromAddress: message.from,
    toAddresses: recipients,
    subject: truncate(redactSecretLinks(message.subject ?? ''), 500),
    text: body,
    fullText: truncate(fullText, 100_000),
    messageId: message.message_id ?? null,
    receivedAt: Number.isNaN(receivedAt.getTime()) ? now : receivedAt,
  };

  for (const address of recipients) {
    const parsed = parseReplyAddress(address);
    if (!parsed) continue;
    const conversation = await unsafeFindConversationByToken(parsed.token);
    if (!conversation) continue;
    return withTenant(conversation.orgId, async (tx) => {
      const [stored] = await tx
        .insert(inboundEmails)
        .values({ orgId: conversation.orgId, conversationId: conversation.id, ...base })
        .onConflictDoUpdate({ target: [inboundEmails.orgId, inboundEmails.resendEmailId], set: { conversationId: conversation.id } })
        .returning({ id: inboundEmails.id });
      const { touch } = await recordTouch(
        { tx, orgId: conversation.orgId },
        {
          candidateId: conversation.candidateId,
          kind: 'email_reply',
          direction: 'inbound',
          channel: 'email',
          occurredAt: base.receivedAt.getTime() > now.getTime() ? now : base.receivedAt,
          body: base.text,
          dedupeKey: `inbound:${resendEmailId}`,
          meta: { inboundEmailId: stored!.id, subject: base.subject, from: base.fromAddress },
        },
      );
      await execute(tx, sql`update inbound_emails set touch_id = ${touch.id} where org_id = ${conversation.orgId} and id = ${stored!.id}`);
      if (base.messageId) {
        await execute(tx, 
          sql`update conversations set last_message_id = ${base.messageId}, updated_at = now(),
                "references" = (array_append("references", ${base.messageId}::text))[greatest(1, cardinality("references") + 2 - ${REFERENCES_KEPT}):]
              where org_id = ${conversation.orgId} and id = ${conversation.id}`,
        );
      }
      return `routed to conversation ${conversation.id}`;
    });
  }

  for (const address of recipients) {
    const domain = address.split('@')[1];
    const orgId = domain ? await unsafeFindOrgByInboundDomain(domain) : null;
    if (!orgId) continue;
    await withTenant(orgId, (tx) => tx.insert(inboundEmails).values({ orgId, ...base }).onConflictDoNothing());
    return `unrouted: kept for agency ${orgId}`;
  }
  // Kept in email_events (with this outcome) for the operators: no agency receives mail there.
  return `unrouted: no agency receives mail for ${recipients.join(', ') || 'no recipient'}`;
}
