import { sql } from 'drizzle-orm';
import { bigint, foreignKey, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { organizations } from './orgs';
import { applications, candidates, interviews } from './records';

export const TOUCH_KINDS = [
  'question',
  'email_reply',
  'thank_you',
  'call',
  'message',
  'email_click',
  'portal_visit',
  'email_open',
  'note',
  'answer',
  'email_sent',
  'portal_link_sent',
  'status_update',
] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];
export const touchKindEnum = pgEnum('touch_kind', TOUCH_KINDS);

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const directionEnum = pgEnum('touch_direction', DIRECTIONS);

export const CHANNELS = ['portal', 'email', 'phone', 'manual', 'system'] as const;
export type Channel = (typeof CHANNELS)[number];
export const channelEnum = pgEnum('touch_channel', CHANNELS);

/** The ledger: append-only, idempotent on (org_id, dedupe_key). */
export const touches = pgTable(
  'touches',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    candidateId: uuid('candidate_id').notNull(),
    applicationId: uuid('application_id'),
    interviewId: uuid('interview_id'),
    kind: touchKindEnum('kind').notNull(),
    direction: directionEnum('direction').notNull(),
    channel: channelEnum('channel').notNull(),
    strength: smallint('strength').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    body: text('body'),
    dedupeKey: text('dedupe_key').notNull(),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    // The inbound touch this one answers (a recruiter's answer to a portal question).
    inReplyTo: uuid('in_reply_to'),
    // Commit-independent order of recording: live updates use it as the event id a browser resumes from.
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('touches_dedupe_uq').on(t.orgId, t.dedupeKey),
    foreignKey({ columns: [t.orgId, t.candidateId], foreignColumns: [candidates.orgId, candidates.id], name: 'touches_candidate_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.applicationId], foreignColumns: [applications.orgId, applications.id], name: 'touches_application_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.interviewId], foreignColumns: [interviews.orgId, interviews.id], name: 'touches_interview_fk' }).onDelete('cascade'),
    index('touches_candidate_time_idx').on(t.orgId, t.candidateId, t.occurredAt.desc(), t.id.desc()),
    foreignKey({ columns: [t.orgId, t.inReplyTo], foreignColumns: [t.orgId, t.id], name: 'touches_in_reply_to_fk' }),
    index('touches_in_reply_to_idx').on(t.orgId, t.inReplyTo).where(sql`${t.inReplyTo} is not null`),
    index('touches_interview_idx').on(t.orgId, t.interviewId).where(sql`${t.interviewId} is not null`),
    index('touches_seq_idx').on(t.orgId, t.seq),
  ],
);

/** Derived from the ledger per candidate; `npm run engagement:rebuild` recomputes it. */
export const candidateEngagement = pgTable(
  'candidate_engagement',
  {
    orgId: uuid('org_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    inboundCount: integer('inbound_count').notNull().default(0),
    outboundCount: integer('outbound_count').notNull().default(0),
    strongCount: integer('strong_count').notNull().default(0),
    mediumCount: integer('medium_count').notNull().default(0),
    weakCount: integer('weak_count').notNull().default(0),
    maxStrength: smallint('max_strength').notNull().default(0),
    followedUpAt: timestamp('followed_up_at', { withTimezone: true }),
    firstInboundAt: timestamp('first_inbound_at', { withTimezone: true }),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    lastOutboundAt: timestamp('last_outbound_at', { withTimezone: true }),
    lastReplyAt: timestamp('last_reply_at', { withTimezone: true }),
    awaitingReplySince: timestamp('awaiting_reply_since', { withTimezone: true }),
    scorePoints: integer('score_points').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.candidateId] }),
    foreignKey({ columns: [t.orgId, t.candidateId], foreignColumns: [candidates.orgId, candidates.id], name: 'candidate_engagement_candidate_fk' }).onDelete('cascade'),
    index('candidate_engagement_awaiting_idx').on(t.orgId, t.awaitingReplySince).where(sql`${t.awaitingReplySince} is not null`),
  ],
);

/** Derived per interview: did the candidate follow up within the window, how fast, how strongly. */
export const interviewEngagement = pgTable(
  'interview_engagement',
  {
    orgId: uuid('org_id').notNull(),
    interviewId: uuid('interview_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    inboundCount: integer('inbound_count').notNull().default(0),
    outboundCount: integer('outbound_count').notNull().default(0),
    strongCount: integer('strong_count').notNull().default(0),
    mediumCount: integer('medium_count').notNull().default(0),
    weakCount: integer('weak_count').notNull().default(0),
    maxStrength: smallint('max_strength').notNull().default(0),
    followedUpAt: timestamp('followed_up_at', { withTimezone: true }),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    lastOutboundAt: timestamp('last_outbound_at', { withTimezone: true }),
    scorePoints: integer('score_points').notNull().default(0),
    // Time to follow up (followed_up_at − the interview's end), kept here so the dashboard's
    // "time to follow up" sort walks an index instead of sorting every interview of the agency.
    followUpSeconds: numeric('follow_up_seconds'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.interviewId] }),
    index('interview_engagement_latency_idx').on(t.orgId, t.followUpSeconds, t.interviewId).where(sql`${t.followedUpAt} is not null`),
    foreignKey({ columns: [t.orgId, t.interviewId], foreignColumns: [interviews.orgId, interviews.id], name: 'interview_engagement_interview_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.candidateId], foreignColumns: [candidates.orgId, candidates.id], name: 'interview_engagement_candidate_fk' }).onDelete('cascade'),
  ],
);
