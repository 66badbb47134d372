import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { organizations } from './orgs';
import { applications, candidates, interviews } from './records';

/**
 * A candidate's way into the portal. Only the SHA-256 of the token is kept: a database leak
 * gives nobody a working link. The hash is unique across agencies because the token is looked
 * up before its agency is known.
 */
export const portalLinks = pgTable(
  'portal_links',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    candidateId: uuid('candidate_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    interviewId: uuid('interview_id'),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('portal_links_token_hash_uq').on(t.tokenHash),
    // One live link per application: sending a new one rotates the old one out.
    uniqueIndex('portal_links_live_uq').on(t.orgId, t.applicationId).where(sql`${t.revokedAt} is null`),
    foreignKey({ columns: [t.orgId, t.candidateId], foreignColumns: [candidates.orgId, candidates.id], name: 'portal_links_candidate_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.applicationId], foreignColumns: [applications.orgId, applications.id], name: 'portal_links_application_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.interviewId], foreignColumns: [interviews.orgId, interviews.id], name: 'portal_links_interview_fk' }).onDelete('cascade'),
    index('portal_links_candidate_idx').on(t.orgId, t.candidateId, t.createdAt),
  ],
);

/**
 * Fixed-window counters shared by every app instance. Keys name what is limited and who
 * (`portal-token:ip:203.0.113.9`); they belong to no agency, so only the system role touches them.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('rate_limits_window_idx').on(t.windowStart)],
);
