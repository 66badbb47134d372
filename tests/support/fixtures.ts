import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db/client';
import { applications, auditLog, candidates, conversations, inboundEmails, interviews, invitations, jobs, memberships, notifications, outboundEmails, portalLinks, suppressions, teamMembers, teams, users, type Role } from '@/db/schema';
import { generatePortalToken, hashPortalToken } from '@/server/services/portal/portal-token';
import { recordTouch } from '@/server/services/touches/record-touch';
import { withTenant } from '@/db/tenant';
import { createContextForUser } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';
import { createOrg } from '@/server/services/org/create-org';

export function uniqueSlug(prefix = 'org') {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createUser(email = `user-${randomUUID().slice(0, 8)}@example.com`, name: string | null = null) {
  const [user] = await getDb().insert(users).values({ email, name }).returning();
  if (!user) throw new Error('user not created');
  return user;
}

export async function addMember(orgId: string, userId: string, role: Role) {
  await withTenant(orgId, (tx) => tx.insert(memberships).values({ orgId, userId, role }));
}

export function callerFor(userId: string | null) {
  return createCaller(createContextForUser(userId));
}

export interface TenantFixture {
  orgId: string;
  slug: string;
  ownerId: string;
  recruiterId: string;
  teamId: string;
  jobId: string;
  candidateId: string;
  candidateName: string;
  applicationId: string;
  interviewId: string;
  touchId: string;
  portalLinkId: string;
  /** The portal token of `portalLinkId`, known only because the fixture created it. */
  portalToken: string;
  invitationId: string;
}

/**
 * An agency with one row in every tenant table. TENANT_TABLE_FIXTURES must name every table that
 * has org_id: the isolation suite fails when a new tenant table has no fixture here.
 */
export async function createTenant(label: string): Promise<TenantFixture> {
  const owner = await createUser(`${label}-owner-${randomUUID().slice(0, 13)}@example.com`, `${label} Owner`);
  const recruiter = await createUser(`${label}-rec-${randomUUID().slice(0, 13)}@example.com`, `${label} Recruiter`);
  const org = await createOrg({ userId: owner.id, input: { name: `${label} Agency`, slug: uniqueSlug(label.toLowerCase()) } });
  const fx: TenantFixture = {
    orgId: org.id,
    slug: org.slug,
    ownerId: owner.id,
    recruiterId: recruiter.id,
    teamId: '',
    jobId: '',
    candidateId: '',
    candidateName: `${label} Candidate ${randomUUID().slice(0, 4)}`,
    applicationId: '',
    interviewId: '',
    touchId: '',
    portalLinkId: '',
    portalToken: '',
    invitationId: '',
  };
  await withTenant(org.id, async (tx) => {
    for (const build of Object.values(TENANT_TABLE_FIXTURES)) await build(tx, fx);
  });
  return fx;
}

type Builder = (tx: Parameters<Parameters<typeof withTenant>[1]>[0], fx: TenantFixture) => Promise<void>;

export const TENANT_TABLE_FIXTURES: Record<string, Builder> = {
  memberships: async (tx, fx) => {
    await tx.insert(memberships).values({ orgId: fx.orgId, userId: fx.recruiterId, role: 'recruiter' });
  },
  teams: async (tx, fx) => {
    const [team] = await tx.insert(teams).values({ orgId: fx.orgId, name: 'Fixture team' }).returning({ id: teams.id });
    fx.teamId = team!.id;
  },
  team_members: async (tx, fx) => {
    await tx.insert(teamMembers).values({ orgId: fx.orgId, teamId: fx.teamId, userId: fx.recruiterId, isLead: true });
  },
  audit_log: async (tx, fx) => {
    await tx.insert(auditLog).values({ orgId: fx.orgId, actorUserId: fx.ownerId, action: 'fixture', targetType: 'fixture' });
  },
  jobs: async (tx, fx) => {
    const [job] = await tx.insert(jobs).values({ orgId: fx.orgId, teamId: fx.teamId, clientCompany: 'Fixture Co', title: 'Fixture Engineer' }).returning({ id: jobs.id });
    fx.jobId = job!.id;
  },
  candidates: async (tx, fx) => {
    const [c] = await tx
      .insert(candidates)
      .values({ orgId: fx.orgId, name: fx.candidateName, email: `${randomUUID().slice(0, 8)}@candidate.example`, teamId: fx.teamId, ownerUserId: fx.recruiterId })
      .returning({ id: candidates.id });
    fx.candidateId = c!.id;
  },
  applications: async (tx, fx) => {
    const [a] = await tx.insert(applications).values({ orgId: fx.orgId, candidateId: fx.candidateId, jobId: fx.jobId, stage: 'interview' }).returning({ id: applications.id });
    fx.applicationId = a!.id;
  },
  interviews: async (tx, fx) => {
    const endsAt = new Date(Date.now() - 2 * 86_400_000);
    const [i] = await tx
      .insert(interviews)
      .values({ orgId: fx.orgId, applicationId: fx.applicationId, candidateId: fx.candidateId, startsAt: new Date(endsAt.getTime() - 3_600_000), endsAt, kind: 'video', interviewers: [{ name: 'Pat Interviewer' }] })
      .returning({ id: interviews.id });
    fx.interviewId = i!.id;
  },
  touches: async (tx, fx) => {
    const { touch } = await recordTouch(
      { tx, orgId: fx.orgId },
      { candidateId: fx.candidateId, kind: 'question', direction: 'inbound', channel: 'portal', occurredAt: new Date(Date.now() - 86_400_000), body: 'When do I hear back?', dedupeKey: `fixture:${randomUUID()}` },
    );
    fx.touchId = touch.id;
  },
  portal_links: async (tx, fx) => {
    fx.portalToken = generatePortalToken();
    const [link] = await tx
      .insert(portalLinks)
      .values({ orgId: fx.orgId, candidateId: fx.candidateId, applicationId: fx.applicationId, interviewId: fx.interviewId, tokenHash: hashPortalToken(fx.portalToken), createdBy: fx.ownerId, expiresAt: new Date(Date.now() + 30 * 86_400_000) })
      .returning({ id: portalLinks.id });
    fx.portalLinkId = link!.id;
  },
  conversations: async (tx, fx) => {
    await tx.insert(conversations).values({ orgId: fx.orgId, candidateId: fx.candidateId, subject: 'Fixture Engineer: your follow-up', replyToken: randomUUID().replaceAll('-', '') });
  },
  outbound_emails: async (tx, fx) => {
    const id = randomUUID();
    await tx.insert(outboundEmails).values({
      orgId: fx.orgId,
      id,
      kind: 'recruiter_reply',
      candidateId: fx.candidateId,
      fromAddress: 'Fixture <no-reply@afterview.localhost>',
      toAddress: 'fixture@candidate.example',
      subject: 'Fixture',
      html: '<p>Fixture</p>',
      text: 'Fixture',
      messageId: `<${id}@afterview.localhost>`,
      status: 'delivered',
    });
  },
  suppressions: async (tx, fx) => {
    await tx.insert(suppressions).values({ orgId: fx.orgId, email: 'victim-suppressed@example.com', reason: 'bounced' });
  },
  inbound_emails: async (tx, fx) => {
    await tx.insert(inboundEmails).values({
      orgId: fx.orgId,
      resendEmailId: randomUUID(),
      fromAddress: 'someone@example.com',
      toAddresses: ['hello@fixture.example'],
      subject: 'Unrouted',
      text: 'Hello',
      fullText: 'Hello',
      receivedAt: new Date(),
    });
  },
  invitations: async (tx, fx) => {
    const [invitation] = await tx.insert(invitations).values({
      orgId: fx.orgId,
      email: `invited-${randomUUID().slice(0, 8)}@example.com`,
      role: 'recruiter',
      teamIds: [fx.teamId],
      tokenHash: hashPortalToken(generatePortalToken()),
      invitedBy: fx.ownerId,
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
    }).returning({ id: invitations.id });
    fx.invitationId = invitation!.id;
  },
  notifications: async (tx, fx) => {
    await tx.insert(notifications).values({ orgId: fx.orgId, userId: fx.recruiterId, kind: 'reply_overdue', candidateId: fx.candidateId, subjectAt: new Date(), dedupeKey: `fixture:${randomUUID()}` });
  },
  // Both are derived: recording the touch above created one row in each.
  candidate_engagement: async () => {},
  interview_engagement: async () => {},
};

/** Every table with an org_id column, read from the catalog rather than from a list. */
export async function tenantTables(): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    getDb(),
    sql`select c.table_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'
        order by c.table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Everything an agency owns, as the superuser sees it: compared before and after an attack. */
export async function snapshotTenant(orgId: string): Promise<string> {
  const parts: Record<string, unknown> = {};
  for (const table of await tenantTables()) {
    parts[table] = await queryRows(getDb(), sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where org_id = ${orgId} order by to_jsonb(t)::text`);
  }
  parts.organizations = await queryRows(getDb(), sql`select to_jsonb(o) as row from organizations o where id = ${orgId}`);
  return JSON.stringify(parts);
}
