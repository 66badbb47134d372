import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { organizations } from './orgs';
import { candidates } from './records';

export const emailStatusEnum = pgEnum('email_status', ['queued', 'sending', 'sent', 'failed']);

// Platform mail that belongs to no agency yet (sign-in links). Agency mail gets its own tenant
// outbox, so that table can keep a NOT NULL org_id and distribute by it.
export const systemEmails = pgTable(
  'system_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    // The live links behind the placeholders in html/text (a sign-in link), sealed with a key
    // derived from AUTH_SECRET; emptied once the email is sent or has failed for good.
    secrets: text('secrets'),
    status: emailStatusEnum('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    providerId: text('provider_id'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('system_emails_due_idx').on(t.status, t.nextAttemptAt)],
);

// What the dev transport "delivered": the dev mailbox page reads it. Keyed by the idempotency key
// like Resend, so a retried send shows one message.
export const devMailbox = pgTable('dev_mailbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  idempotencyKey: text('idempotency_key').unique(),
  from: text('from').notNull(),
  to: text('to').array().notNull(),
  replyTo: text('reply_to'),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text').notNull(),
  headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Where an agency email stands; webhooks move it forward, never back (see EMAIL_STATUS_RANK). */
export const OUTBOUND_EMAIL_STATUSES = ['queued', 'sending', 'sent', 'delayed', 'delivered', 'bounced', 'complained', 'failed'] as const;
export type OutboundEmailStatus = (typeof OUTBOUND_EMAIL_STATUSES)[number];
export const outboundEmailStatusEnum = pgEnum('outbound_email_status', OUTBOUND_EMAIL_STATUSES);

export const OUTBOUND_EMAIL_KINDS = ['portal_invitation', 'recruiter_reply', 'question_answered', 'team_invitation', 'daily_digest', 'reply_reminder', 'status_update'] as const;
export type OutboundEmailKind = (typeof OUTBOUND_EMAIL_KINDS)[number];

/**
 * One thread per candidate: its subject, its Message-ID chain, and the token of its reply address
 * (`reply+<token>@<inbound domain>`). The token is unique across agencies because inbound mail is
 * routed by it before its agency is known.
 */
export const conversations = pgTable(
  'conversations',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    candidateId: uuid('candidate_id').notNull(),
    subject: text('subject').notNull(),
    replyToken: text('reply_token').notNull(),
    lastMessageId: text('last_message_id'),
    references: text('references').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('conversations_candidate_uq').on(t.orgId, t.candidateId),
    uniqueIndex('conversations_reply_token_uq').on(t.replyToken),
    foreignKey({ columns: [t.orgId, t.candidateId], foreignColumns: [candidates.orgId, candidates.id], name: 'conversations_candidate_fk' }).onDelete('cascade'),
  ],
);

/**
 * The agency outbox: written in the transaction of the change that sends it, delivered by the
 * queue with `id` as the Resend idempotency key. `provider_id` is unique across agencies because
 * webhooks name it before the agency is known.
 */
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').$type<OutboundEmailKind>().notNull(),
    candidateId: uuid('candidate_id'),
    conversationId: uuid('conversation_id'),
    touchId: uuid('touch_id'),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    replyTo: text('reply_to'),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    // As on system_emails: portal, invitation and unsubscribe links, sealed until the send.
    secrets: text('secrets'),
    messageId: text('message_id').notNull(),
    status: outboundEmailStatusEnum('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    providerId: text('provider_id'),
    lastError: text('last_error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull().defaultNow(),
    // Jobs that may run twice (digests, reminders) name each email, so the second run queues nothing.
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('outbound_emails_dedupe_uq').on(t.orgId, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    uniqueIndex('outbound_emails_provider_uq').on(t.providerId).where(sql`${t.providerId} is not null`),
    index('outbound_emails_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'sending')`),
    index('outbound_emails_candidate_idx').on(t.orgId, t.candidateId, t.createdAt),
    index('outbound_emails_touch_idx').on(t.orgId, t.touchId).where(sql`${t.touchId} is not null`),
    foreignKey({ columns: [t.orgId, t.candidateId], foreignColumns: [candidates.orgId, candidates.id], name: 'outbound_emails_candidate_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.conversationId], foreignColumns: [conversations.orgId, conversations.id], name: 'outbound_emails_conversation_fk' }).onDelete('cascade'),
  ],
);

/** Addresses an agency will not send to: they bounced, complained, or Resend suppressed them. */
export const suppressions = pgTable(
  'suppressions',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    eventId: text('event_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.email] })],
);

/**
 * Every Resend webhook, stored by its svix id before anything else happens, so a redelivery is
 * recognised and nothing is lost when processing fails. Platform data: the agency is found while
 * processing, so it has no org_id (and only the system role may read it).
 */
export const emailEvents = pgTable(
  'email_events',
  {
    svixId: text('svix_id').primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    // A lease, as on the outbox: the worker that queued it owns it until then.
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    outcome: text('outcome'),
    lastError: text('last_error'),
  },
  (t) => [index('email_events_pending_idx').on(t.receivedAt).where(sql`${t.processedAt} is null`)],
);

/** Mail candidates sent to an agency's inbound domain: routed to a conversation, or kept as unrouted. */
export const inboundEmails = pgTable(
  'inbound_emails',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    resendEmailId: text('resend_email_id').notNull(),
    conversationId: uuid('conversation_id'),
    touchId: uuid('touch_id'),
    fromAddress: text('from_address').notNull(),
    toAddresses: text('to_addresses').array().notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    fullText: text('full_text').notNull(),
    messageId: text('message_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('inbound_emails_resend_uq').on(t.orgId, t.resendEmailId),
    index('inbound_emails_unrouted_idx').on(t.orgId, t.receivedAt).where(sql`${t.conversationId} is null`),
    foreignKey({ columns: [t.orgId, t.conversationId], foreignColumns: [conversations.orgId, conversations.id], name: 'inbound_emails_conversation_fk' }).onDelete('cascade'),
  ],
);
