import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { execute, queryRows } from '@/db/client';
import { outboundEmails, type OutboundEmailKind } from '@/db/schema';
import { assertNoPlainSecrets, secretsAad, type EmailSecrets } from '@/server/email/email-secrets';
import { agencyFromHeader, platformAddress } from '@/server/email/from-address';
import { AppError } from '@/server/errors';
import { kickDelivery } from '@/server/jobs/worker';
import type { ServiceContext } from '@/server/services/types';
import { replyAddress } from './conversation-address';
import type { Conversation } from './ensure-conversation';

export interface AgencyMailSettings extends Record<string, unknown> {
  name: string;
  sender_name: string | null;
  inbound_domain: string | null;
  reply_to_address: string | null;
  brand_color: string;
  logo_url: string | null;
}

export async function loadMailSettings(ctx: ServiceContext): Promise<AgencyMailSettings> {
  const [org] = await queryRows<AgencyMailSettings>(
    ctx.tx,
    sql`select name, sender_name, inbound_domain, reply_to_address, brand_color, logo_url from organizations where id = ${ctx.actor.orgId}`,
  );
  if (!org) throw new AppError('NOT_FOUND', 'This agency does not exist.');
  return org;
}

/** The platform's sending address (a domain verified in Resend) under the agency's name, quoted as RFC 5322 needs. */
export function agencyFrom(org: AgencyMailSettings): string {
  return agencyFromHeader(org.sender_name ?? org.name);
}

function mailDomain(): string {
  return platformAddress().split('@')[1] ?? 'afterview.localhost';
}

/** Refuses an address that bounced or complained before: sending again hurts everyone's deliverability. */
export async function assertNotSuppressed(ctx: ServiceContext, email: string): Promise<void> {
  const [row] = await queryRows<{ reason: string; created_at: Date }>(
    ctx.tx,
    sql`select reason, created_at from suppressions where org_id = ${ctx.actor.orgId} and email = ${email.toLowerCase()}`,
  );
  if (row) {
    const when = row.created_at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    throw new AppError(
      'BAD_REQUEST',
      `Email to ${email} is blocked: it was ${row.reason === 'bounced' ? 'bounced' : row.reason === 'complained' ? 'marked as spam' : 'suppressed'} on ${when}. Check the address or reach them another way.`,
      { field: 'to' },
    );
  }
}

export interface QueueEmailInput {
  kind: OutboundEmailKind;
  candidateId: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
  touchId?: string;
  /** Threads the email into the candidate's conversation: reply address, In-Reply-To, References. */
  conversation?: Conversation;
  org: AgencyMailSettings;
  /** Where replies go when the agency has neither an inbound domain nor a reply-to address: the recruiter's own. */
  fallbackReplyTo: string | null;
  /** Names the email for jobs that may run twice: a second email with the same key is not queued. */
  dedupeKey?: string;
  /** Who sends it; defaults to the actor. Jobs send as nobody (null). */
  createdBy?: string | null;
  /** More headers (List-Unsubscribe…); they cannot replace Message-ID or the threading headers. */
  extraHeaders?: Record<string, string>;
  /** The live links behind the placeholders in html, text and headers: sealed in the row, put in at send time. */
  secrets?: EmailSecrets;
}

/**
 * Writes one email to the agency outbox, in the caller's transaction: if the change that causes
 * it rolls back, so does the email. The queue sends it after the commit.
 */
export async function queueOutboundEmail(ctx: ServiceContext, input: QueueEmailInput): Promise<{ id: string; messageId: string; queued: boolean }> {
  await assertNotSuppressed(ctx, input.to);
  const id = randomUUID();
  const messageId = `<${id}@${mailDomain()}>`;
  const extra = Object.entries(input.extraHeaders ?? {}).filter(([name]) => !/^(message-id|in-reply-to|references)$/i.test(name));
  const headers: Record<string, string> = { ...Object.fromEntries(extra), 'Message-ID': messageId };
  const conversation = input.conversation;
  if (conversation?.last_message_id) {
    headers['In-Reply-To'] = conversation.last_message_id;
    headers.References = [...conversation.references.filter((r) => r !== conversation.last_message_id), conversation.last_message_id].join(' ');
  }
  const replyTo =
    conversation && input.org.inbound_domain
      ? replyAddress(conversation.reply_token, input.org.inbound_domain)
      : (input.org.reply_to_address ?? input.fallbackReplyTo);
  assertNoPlainSecrets({ subject: input.subject, html: input.html, text: input.text, headers }, input.secrets);
  const secrets = input.secrets?.seal(secretsAad({ scope: 'agency', orgId: ctx.actor.orgId, id })) ?? null;
  const inserted = await ctx.tx
    .insert(outboundEmails)
    .values({
      orgId: ctx.actor.orgId,
      id,
      kind: input.kind,
      candidateId: input.candidateId,
      conversationId: conversation?.id ?? null,
      touchId: input.touchId ?? null,
      fromAddress: agencyFrom(input.org),
      toAddress: input.to,
      replyTo,
      subject: input.subject,
      html: input.html,
      text: input.text,
      headers,
      secrets,
      messageId,
      createdBy: input.createdBy !== undefined ? input.createdBy : ctx.actor.userId,
      dedupeKey: input.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: [outboundEmails.orgId, outboundEmails.dedupeKey], where: sql`${outboundEmails.dedupeKey} is not null` })
    .returning({ id: outboundEmails.id });
  if (inserted.length === 0) return { id, messageId, queued: false };
  if (conversation) {
    await execute(ctx.tx, 
      sql`update conversations set last_message_id = ${messageId}, updated_at = now(),
            "references" = (array_append("references", ${messageId}::text))[greatest(1, cardinality("references") - 18):]
          where org_id = ${ctx.actor.orgId} and id = ${conversation.id}`,
    );
  }
  ctx.afterCommit?.(kickDelivery);
  return { id, messageId, queued: true };
}
