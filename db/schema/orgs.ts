import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

export const ROLES = ['owner', 'admin', 'recruiter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const roleEnum = pgEnum('member_role', ROLES);

// The tenant root. Its own id is the tenant key, so its policy compares `id` rather than `org_id`.
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  // Days after an interview's end within which an inbound touch counts as following up.
  followUpWindowDays: integer('follow_up_window_days').notNull().default(7),
  replyTargetHours: integer('reply_target_hours').notNull().default(48),
  timeZone: text('time_zone').notNull().default('UTC'),
  // What candidates see on the portal: the agency's colour (#rrggbb) and an https logo URL.
  brandColor: text('brand_color').notNull().default('#4338ca'),
  logoUrl: text('logo_url'),
  portalLinkDays: integer('portal_link_days').notNull().default(30),
  // Email: the name candidates see as sender, the domain Resend receives replies on
  // (conversation addresses are reply+<token>@<domain>), and opt-in open and click tracking.
  senderName: text('sender_name'),
  inboundDomain: text('inbound_domain').unique(),
  trackEngagement: boolean('track_engagement').notNull().default(false),
  // Where replies go when there is no inbound domain; null means the recruiter's own address.
  replyToAddress: text('reply_to_address'),
  // GDPR: candidates with no activity for this many months are erased by a daily job; null keeps them.
  retentionMonths: integer('retention_months'),
  // "No decision yet" updates: every this many days, a short note to candidates still waiting after an interview.
  statusUpdatesEnabled: boolean('status_updates_enabled').notNull().default(false),
  statusUpdateDays: integer('status_update_days').notNull().default(7),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    // The member's own choices: the daily digest email and reminder emails (in-app reminders always show).
    digestEnabled: boolean('digest_enabled').notNull().default(true),
    reminderEmails: boolean('reminder_emails').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const teams = pgTable(
  'teams',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('teams_org_name_uq').on(t.orgId, sql`lower(${t.name})`),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    orgId: uuid('org_id').notNull(),
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id').notNull(),
    isLead: boolean('is_lead').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.teamId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id], name: 'team_members_team_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [memberships.orgId, memberships.userId], name: 'team_members_member_fk' }).onDelete('cascade'),
    index('team_members_user_idx').on(t.orgId, t.userId),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('audit_log_org_created_idx').on(t.orgId, t.createdAt)],
);

export const INVITABLE_ROLES = ROLES;

/**
 * An invitation to join an agency. Like portal links, only the token's SHA-256 is kept, unique
 * across agencies because the link is opened before anyone knows the agency.
 */
export const invitations = pgTable(
  'invitations',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    role: roleEnum('role').notNull(),
    teamIds: uuid('team_ids').array().notNull().default(sql`'{}'::uuid[]`),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull().defaultNow(),
    sendCount: integer('send_count').notNull().default(1),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('invitations_token_hash_uq').on(t.tokenHash),
    // One open invitation per address and agency: inviting again re-sends it.
    uniqueIndex('invitations_open_uq').on(t.orgId, sql`lower(${t.email})`).where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);
