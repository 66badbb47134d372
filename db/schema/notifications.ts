import { sql } from 'drizzle-orm';
import { foreignKey, index, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { memberships, organizations } from './orgs';
import { candidates } from './records';

export const NOTIFICATION_KINDS = ['reply_overdue'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * In-app notifications for one member (reminders: a candidate's question waits past the reply
 * target). Written by jobs, idempotent on (org_id, dedupe_key), so a job that runs twice adds nothing.
 */
export const notifications = pgTable(
  'notifications',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').$type<NotificationKind>().notNull(),
    // 1: past the reply target (the owner); 2: past twice the target (the team lead too).
    level: smallint('level').notNull().default(1),
    candidateId: uuid('candidate_id'),
    // The moment the reminder is about (when the question started waiting).
    subjectAt: timestamp('subject_at', { withTimezone: true }),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('notifications_dedupe_uq').on(t.orgId, t.dedupeKey),
    index('notifications_user_idx').on(t.orgId, t.userId, t.createdAt.desc()),
    index('notifications_unread_idx').on(t.orgId, t.userId).where(sql`${t.readAt} is null`),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [memberships.orgId, memberships.userId], name: 'notifications_member_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.candidateId], foreignColumns: [candidates.orgId, candidates.id], name: 'notifications_candidate_fk' }).onDelete('cascade'),
  ],
);
