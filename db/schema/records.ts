import { sql } from 'drizzle-orm';
import { foreignKey, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { memberships, organizations, teams } from './orgs';

export const JOB_STATUSES = ['open', 'on_hold', 'closed'] as const;
export const jobStatusEnum = pgEnum('job_status', JOB_STATUSES);

export const STAGES = ['applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn'] as const;
export type Stage = (typeof STAGES)[number];
export const stageEnum = pgEnum('application_stage', STAGES);

export const INTERVIEW_KINDS = ['phone', 'video', 'onsite'] as const;
export const interviewKindEnum = pgEnum('interview_kind', INTERVIEW_KINDS);

export interface Interviewer {
  name: string;
  email?: string;
}

export const jobs = pgTable(
  'jobs',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    teamId: uuid('team_id').notNull(),
    clientCompany: text('client_company').notNull(),
    title: text('title').notNull(),
    status: jobStatusEnum('status').notNull().default('open'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id], name: 'jobs_team_fk' }),
    index('jobs_team_idx').on(t.orgId, t.teamId),
  ],
);

export const candidates = pgTable(
  'candidates',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    ownerUserId: uuid('owner_user_id'),
    teamId: uuid('team_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    source: text('source'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    // GDPR erasure: personal data is gone, the row (and its touches' timing) stays for the statistics.
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('candidates_org_email_uq').on(t.orgId, sql`lower(${t.email})`),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id], name: 'candidates_team_fk' }),
    foreignKey({ columns: [t.orgId, t.ownerUserId], foreignColumns: [memberships.orgId, memberships.userId], name: 'candidates_owner_fk' }),
    index('candidates_team_idx').on(t.orgId, t.teamId),
    index('candidates_owner_idx').on(t.orgId, t.ownerUserId),
    // Live candidates by id, read without touching the table: counts over engagement join it.
    index('candidates_active_idx').on(t.orgId, t.id).where(sql`${t.archivedAt} is null`),
    index('candidates_search_idx').using('gin', sql`(lower(${t.name} || ' ' || ${t.email})) gin_trgm_ops`),
  ],
);

export const applications = pgTable(
  'applications',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    candidateId: uuid('candidate_id').notNull(),
    jobId: uuid('job_id').notNull(),
    stage: stageEnum('stage').notNull().default('applied'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('applications_candidate_job_uq').on(t.orgId, t.candidateId, t.jobId),
    foreignKey({ columns: [t.orgId, t.candidateId], foreignColumns: [candidates.orgId, candidates.id], name: 'applications_candidate_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.jobId], foreignColumns: [jobs.orgId, jobs.id], name: 'applications_job_fk' }),
    index('applications_job_idx').on(t.orgId, t.jobId),
  ],
);

export const interviews = pgTable(
  'interviews',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    applicationId: uuid('application_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    kind: interviewKindEnum('kind').notNull(),
    interviewers: jsonb('interviewers').$type<Interviewer[]>().notNull().default([]),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.applicationId], foreignColumns: [applications.orgId, applications.id], name: 'interviews_application_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.candidateId], foreignColumns: [candidates.orgId, candidates.id], name: 'interviews_candidate_fk' }).onDelete('cascade'),
    index('interviews_application_idx').on(t.orgId, t.applicationId),
    index('interviews_candidate_ends_idx').on(t.orgId, t.candidateId, t.endsAt),
    index('interviews_ends_idx').on(t.orgId, t.endsAt),
  ],
);
