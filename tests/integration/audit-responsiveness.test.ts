import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { auditLog, candidates, memberships, teams, type Role, type TouchKind } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { auditRouter } from '@/server/routers/audit.router';
import { responsivenessRouter } from '@/server/routers/responsiveness.router';
import { diffAuditValues } from '@/server/services/audit/audit-labels';
import { createOrg } from '@/server/services/org/create-org';
import type { ResponsivenessFigures } from '@/server/services/responsiveness/get-responsiveness';
import { recordTouch } from '@/server/services/touches/record-touch';
import { createContextForUser } from '@/server/trpc/context';
import { createCallerFactory, createTRPCRouter } from '@/server/trpc/init';
import { addMember, createTenant, createUser, uniqueSlug, type TenantFixture } from '../support/fixtures';

// The two routers on their own, so this suite does not depend on how the app router mounts them.
const router = createTRPCRouter({ audit: auditRouter, responsiveness: responsivenessRouter });
const createCaller = createCallerFactory(router);
const callerFor = (userId: string) => createCaller(createContextForUser(userId));

const HOUR = 3600_000;
const NOW = Date.now();
const ago = (hours: number) => new Date(NOW - hours * HOUR);
const later = (date: Date, hours: number) => new Date(date.getTime() + hours * HOUR);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

async function errorOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(' | ');
  }
  return 'no error';
}

async function addAudit(orgId: string, entries: { action: string; actorUserId: string | null; createdAt: Date; targetType?: string; targetId?: string; before?: unknown; after?: unknown }[]) {
  await withTenant(orgId, (tx) =>
    tx.insert(auditLog).values(
      entries.map((e) => ({
        orgId,
        actorUserId: e.actorUserId,
        action: e.action,
        targetType: e.targetType ?? 'test',
        targetId: e.targetId,
        before: e.before ?? null,
        after: e.after ?? null,
        createdAt: e.createdAt,
      })),
    ),
  );
}

async function allAuditIds(orgId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(getDb(), sql`select id from audit_log where org_id = ${orgId} order by created_at desc, id desc`);
  return rows.map((r) => r.id);
}

describe('audit log', () => {
  let a: TenantFixture;
  let b: TenantFixture;
  let viewerId: string;
  let adminId: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTenant('AuditA'), createTenant('AuditB')]);
    const viewer = await createUser(undefined, 'Audit Viewer');
    const admin = await createUser(undefined, 'Audit Admin');
    viewerId = viewer.id;
    adminId = admin.id;
    await addMember(a.orgId, viewerId, 'viewer');
    await addMember(a.orgId, adminId, 'admin');
    // 120 entries in A, one minute apart, alternating actions and people; B gets the same actions.
    const base = Date.UTC(2025, 0, 10, 12);
    await addAudit(
      a.orgId,
      Array.from({ length: 120 }, (_, i) => ({
        action: i % 3 === 0 ? 'member.role_change' : 'team.rename',
        actorUserId: i % 2 === 0 ? a.ownerId : adminId,
        createdAt: new Date(base + i * 60_000),
        targetType: 'team',
        targetId: a.teamId,
        before: { name: `Team ${i}`, archived: false },
        after: { name: `Team ${i + 1}`, archived: false },
      })),
    );
    await addAudit(b.orgId, [
      { action: 'team.rename', actorUserId: b.ownerId, createdAt: new Date(base + 30_000) },
      { action: 'b.only', actorUserId: b.ownerId, createdAt: new Date(base + 90_000) },
    ]);
  });

  it('pages through every entry of the agency, newest first, and none of another agency', async () => {
    const expected = await allAuditIds(a.orgId);
    const other = new Set(await allAuditIds(b.orgId));
    expect(expected.length).toBeGreaterThan(120);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<ReturnType<typeof callerFor>['audit']['list']>> = await callerFor(a.ownerId).audit.list({ orgSlug: a.slug, cursor });
      expect(page.items.length).toBeLessThanOrEqual(50);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(Math.ceil(expected.length / 50));
    expect(seen).toEqual(expected);
    expect(seen.some((id) => other.has(id))).toBe(false);
  });

  it('returns rows with the actor, the target and the values before and after', async () => {
    const page = await callerFor(adminId).audit.list({ orgSlug: a.slug, action: 'team.rename', limit: 1 });
    const [entry] = page.items;
    expect(entry).toMatchObject({
      action: 'team.rename',
      targetType: 'team',
      targetId: a.teamId,
      targetLabel: 'Fixture team',
      before: { name: 'Team 119', archived: false },
      after: { name: 'Team 120', archived: false },
    });
    expect(entry!.createdAt).toBeInstanceOf(Date);
    expect(entry!.actor).toEqual({ userId: adminId, name: 'Audit Admin', email: expect.stringContaining('@example.com') });
    expect(page.timeZone).toBe('UTC');
    expect(diffAuditValues(entry!.before, entry!.after)).toEqual([{ key: 'name', before: '"Team 119"', after: '"Team 120"' }]);
  });

  it('filters by exact action, by person and by day, and pages within a filter', async () => {
    const byAction = await callerFor(a.ownerId).audit.list({ orgSlug: a.slug, action: 'member.role_change', limit: 30 });
    expect(byAction.items).toHaveLength(30);
    expect(byAction.items.every((i) => i.action === 'member.role_change')).toBe(true);
    const rest = await callerFor(a.ownerId).audit.list({ orgSlug: a.slug, action: 'member.role_change', limit: 30, cursor: byAction.nextCursor });
    expect(rest.items).toHaveLength(10);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...byAction.items, ...rest.items].map((i) => i.id)).size).toBe(40);

    expect((await callerFor(a.ownerId).audit.list({ orgSlug: a.slug, action: 'member.role' })).items).toEqual([]);

    const byPerson = await callerFor(a.ownerId).audit.list({ orgSlug: a.slug, actorUserId: adminId, limit: 100 });
    expect(byPerson.items).toHaveLength(60);
    expect(byPerson.items.every((i) => i.actor?.userId === adminId)).toBe(true);

    const both = await callerFor(a.ownerId).audit.list({ orgSlug: a.slug, actorUserId: adminId, action: 'member.role_change', limit: 100 });
    // i odd and i % 3 === 0: 3, 9, 15, … 117.
    expect(both.items).toHaveLength(20);

    const day = await callerFor(a.ownerId).audit.list({ orgSlug: a.slug, from: '2025-01-10', to: '2025-01-10', limit: 100 });
    expect(day.items).toHaveLength(100);
    const none = await callerFor(a.ownerId).audit.list({ orgSlug: a.slug, from: '2025-01-11', to: '2025-01-11' });
    expect(none.items).toEqual([]);
  });

  it('reads days in the agency’s time zone', async () => {
    const fx = await createTenant('AuditZone');
    await withTenant(fx.orgId, (tx) => tx.execute(sql`update organizations set time_zone = 'America/New_York' where id = ${fx.orgId}`));
    // 03:00 UTC on 2 March is still 1 March (22:00) in New York.
    await addAudit(fx.orgId, [{ action: 'team.create', actorUserId: fx.ownerId, createdAt: new Date('2025-03-02T03:00:00Z') }]);
    const march1 = await callerFor(fx.ownerId).audit.list({ orgSlug: fx.slug, from: '2025-03-01', to: '2025-03-01' });
    expect(march1.items.map((i) => i.action)).toEqual(['team.create']);
    expect(march1.timeZone).toBe('America/New_York');
    expect((await callerFor(fx.ownerId).audit.list({ orgSlug: fx.slug, from: '2025-03-02', to: '2025-03-02' })).items).toEqual([]);
  });

  it('lists the distinct actions of the agency only', async () => {
    const actions = await callerFor(a.ownerId).audit.actions({ orgSlug: a.slug });
    expect(actions).toEqual([...actions].sort());
    expect(actions).toEqual(expect.arrayContaining(['member.role_change', 'team.rename', 'org.create']));
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions).not.toContain('b.only');
  });

  it('refuses bad filters with words', async () => {
    const caller = callerFor(a.ownerId);
    await expect(caller.audit.list({ orgSlug: a.slug, limit: 101 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('at most 100') });
    await expect(caller.audit.list({ orgSlug: a.slug, from: '2025-02-01', to: '2025-01-01' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('on or after the start date'),
    });
    await expect(caller.audit.list({ orgSlug: a.slug, from: '1 March' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('must be a date') });
    await expect(caller.audit.list({ orgSlug: a.slug, actorUserId: 'someone' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('member id') });
    await expect(caller.audit.list({ orgSlug: a.slug, action: 'x'.repeat(101) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.audit.list({ orgSlug: a.slug, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('cursor') });
  });

  it('refuses recruiters and viewers, and members of other agencies', async () => {
    for (const userId of [a.recruiterId, viewerId]) {
      await expect(callerFor(userId).audit.list({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(callerFor(userId).audit.actions({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(callerFor(b.ownerId).audit.list({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(b.ownerId).audit.actions({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows nothing of another agency when asked in one’s own with its ids', async () => {
    const page = await callerFor(b.ownerId).audit.list({ orgSlug: b.slug, actorUserId: a.ownerId, limit: 100 });
    expect(page.items).toEqual([]);
    const own = await callerFor(b.ownerId).audit.list({ orgSlug: b.slug, limit: 100 });
    const body = JSON.stringify(own);
    for (const secret of [a.orgId, a.teamId, a.ownerId, 'Team 119']) expect(body).not.toContain(secret);
  });

  it('cannot be changed or deleted by the tenant role', async () => {
    const before = await allAuditIds(a.orgId);
    expect(await errorOf(() => withTenant(a.orgId, (tx) => tx.execute(sql`update audit_log set action = 'tampered' where org_id = ${a.orgId}`)))).toMatch(/permission denied/);
    expect(await errorOf(() => withTenant(a.orgId, (tx) => tx.execute(sql`delete from audit_log where org_id = ${a.orgId}`)))).toMatch(/permission denied/);
    expect(await allAuditIds(a.orgId)).toEqual(before);
    const [tampered] = await queryRows<{ n: number }>(getDb(), sql`select count(*)::int as n from audit_log where action = 'tampered'`);
    expect(tampered!.n).toBe(0);
  });
});

describe('audit diff', () => {
  it('lists changed keys only, pretty-printing JSON values', () => {
    expect(diffAuditValues({ role: 'recruiter', same: 1 }, { role: 'admin', same: 1 })).toEqual([{ key: 'role', before: '"recruiter"', after: '"admin"' }]);
    expect(diffAuditValues(null, { teamIds: ['x'] })).toEqual([{ key: 'teamIds', before: undefined, after: '[\n  "x"\n]' }]);
    expect(diffAuditValues({ email: 'a@example.com' }, null)).toEqual([{ key: 'email', before: '"a@example.com"', after: undefined }]);
    expect(diffAuditValues(null, null)).toEqual([]);
    expect(diffAuditValues('old', 'new')).toEqual([{ key: null, before: '"old"', after: '"new"' }]);
  });
});

describe('responsiveness', () => {
  let orgId: string;
  let slug: string;
  let ownerId: string;
  let rec1: string;
  let rec2: string;
  let viewerId: string;
  let alpha: string;
  let beta: string;
  const oldQuestionAt = ago(200 * 24);

  async function addCandidate(name: string, ownerUserId: string | null, teamId: string | null, archived = false) {
    const [c] = await withTenant(orgId, (tx) =>
      tx
        .insert(candidates)
        .values({ orgId, name, email: `${randomUUID().slice(0, 8)}@candidate.example`, ownerUserId, teamId, archivedAt: archived ? new Date() : null })
        .returning({ id: candidates.id }),
    );
    return c!.id;
  }

  async function touch(candidateId: string, kind: TouchKind, direction: 'inbound' | 'outbound', occurredAt: Date, actorUserId: string | null = null) {
    return withTenant(orgId, (tx) =>
      recordTouch(
        { tx, orgId },
        { candidateId, kind, direction, channel: kind === 'question' || kind === 'answer' ? 'portal' : kind.startsWith('email') ? 'email' : 'manual', occurredAt, dedupeKey: `test:${randomUUID()}`, actorUserId },
      ),
    );
  }

  async function addPerson(role: Role, name: string) {
    const user = await createUser(undefined, name);
    await withTenant(orgId, (tx) => tx.insert(memberships).values({ orgId, userId: user.id, role }));
    return user.id;
  }

  beforeAll(async () => {
    const owner = await createUser(undefined, 'Resp Owner');
    ownerId = owner.id;
    const org = await createOrg({ userId: ownerId, input: { name: 'Responsive Agency', slug: uniqueSlug('resp') } });
    orgId = org.id;
    slug = org.slug;
    rec1 = await addPerson('recruiter', 'Avery Recruiter');
    rec2 = await addPerson('recruiter', 'Blake Recruiter');
    viewerId = await addPerson('viewer', 'Casey Viewer');
    [alpha, beta] = await withTenant(orgId, async (tx) => {
      const rows = await tx.insert(teams).values([{ orgId, name: 'Alpha' }, { orgId, name: 'Beta' }]).returning({ id: teams.id, name: teams.name });
      return [rows.find((r) => r.name === 'Alpha')!.id, rows.find((r) => r.name === 'Beta')!.id];
    });

    // Avery (Alpha): answered after 2 h and after 60 h; an archived candidate's question never answered.
    const c1 = await addCandidate('One', rec1, alpha);
    const q1 = ago(10 * 24);
    const { touch: question1 } = await touch(c1, 'question', 'inbound', q1);
    await withTenant(orgId, (tx) =>
      recordTouch({ tx, orgId }, { candidateId: c1, kind: 'answer', direction: 'outbound', channel: 'portal', occurredAt: later(q1, 2), dedupeKey: `test:${randomUUID()}`, inReplyTo: question1.id, actorUserId: rec1 }),
    );
    await touch(c1, 'thank_you', 'inbound', later(q1, 3)); // not a question
    const c2 = await addCandidate('Two', rec1, alpha);
    const q2 = ago(9 * 24);
    await touch(c2, 'question', 'inbound', q2);
    await touch(c2, 'call', 'outbound', later(q2, 60), rec1);
    const c7 = await addCandidate('Seven', rec1, alpha, true);
    await touch(c7, 'question', 'inbound', ago(4 * 24));
    // Out of the default range: 200 days ago, answered after 3 h.
    const c8 = await addCandidate('Eight', rec1, alpha);
    await touch(c8, 'question', 'inbound', oldQuestionAt);
    await touch(c8, 'email_sent', 'outbound', later(oldQuestionAt, 3), rec1);

    // Blake: an unanswered question (Beta, five days old; a note is not a reply), an email reply
    // answered after 50 h (Beta), and a question asked an hour ago (Alpha).
    const c3 = await addCandidate('Three', rec2, beta);
    await touch(c3, 'question', 'inbound', ago(5 * 24));
    await touch(c3, 'note', 'outbound', ago(4 * 24), rec2);
    const c4 = await addCandidate('Four', rec2, beta);
    const q4 = ago(8 * 24);
    await touch(c4, 'email_reply', 'inbound', q4);
    await touch(c4, 'email_sent', 'outbound', later(q4, 50), rec2);
    const c5 = await addCandidate('Five', rec2, alpha);
    await touch(c5, 'question', 'inbound', ago(1));

    // Nobody's, no team: answered after 1 h.
    const c6 = await addCandidate('Six', null, null);
    const q6 = ago(3 * 24);
    await touch(c6, 'question', 'inbound', q6);
    await touch(c6, 'message', 'outbound', later(q6, 1), ownerId);
  });

  const hours = (h: number) => h * 3600;

  function expectFigures(actual: ResponsivenessFigures | undefined, expected: Partial<ResponsivenessFigures>) {
    expect(actual).toBeDefined();
    const { medianReplySeconds, withinTargetShare, ...rest } = expected;
    expect(actual).toMatchObject(rest);
    if (medianReplySeconds !== undefined) {
      if (medianReplySeconds === null) expect(actual!.medianReplySeconds).toBeNull();
      else expect(actual!.medianReplySeconds).toBeCloseTo(medianReplySeconds, 0);
    }
    if (withinTargetShare !== undefined) {
      if (withinTargetShare === null) expect(actual!.withinTargetShare).toBeNull();
      else expect(actual!.withinTargetShare).toBeCloseTo(withinTargetShare, 6);
    }
  }

  it('measures each recruiter: questions, median first reply, share within target, unanswered, owed now', async () => {
    const result = await callerFor(ownerId).responsiveness.get({ orgSlug: slug });
    expect(result.replyTargetHours).toBe(48);
    const today = isoDay(new Date());
    expect(result.range).toEqual({ from: isoDay(new Date(Date.parse(`${today}T00:00:00Z`) - 89 * 24 * HOUR)), to: today });

    const avery = result.byRecruiter.find((r) => r.userId === rec1);
    expect(avery?.name).toBe('Avery Recruiter');
    // 2 h and 60 h; the archived candidate's question is unanswered (a miss: older than 48 h) but owes nothing now.
    expectFigures(avery, { questions: 3, answered: 2, unanswered: 1, withinTarget: 1, decided: 3, withinTargetShare: 1 / 3, medianReplySeconds: hours(31), owedNow: 0 });

    const blake = result.byRecruiter.find((r) => r.userId === rec2);
    // The hour-old question is not yet a miss.
    expectFigures(blake, { questions: 3, answered: 1, unanswered: 2, withinTarget: 0, decided: 2, withinTargetShare: 0, medianReplySeconds: hours(50), owedNow: 2 });

    const nobody = result.byRecruiter.find((r) => r.userId === null);
    expectFigures(nobody, { questions: 1, answered: 1, unanswered: 0, withinTarget: 1, withinTargetShare: 1, medianReplySeconds: hours(1), owedNow: 0 });

    // Owners and admins are listed too, with nothing to show; viewers are not.
    expectFigures(
      result.byRecruiter.find((r) => r.userId === ownerId),
      { questions: 0, answered: 0, unanswered: 0, withinTargetShare: null, medianReplySeconds: null, owedNow: 0 },
    );
    expect(result.byRecruiter.find((r) => r.userId === viewerId)).toBeUndefined();
    expect(result.byRecruiter.at(-1)?.userId).toBeNull();

    expectFigures(result.agency, { questions: 7, answered: 4, unanswered: 3, withinTarget: 2, decided: 6, withinTargetShare: 2 / 6, medianReplySeconds: hours(26), owedNow: 2 });
  });

  it('groups by the candidates’ team', async () => {
    const result = await callerFor(ownerId).responsiveness.get({ orgSlug: slug });
    expect(result.byTeam.map((t) => t.name)).toEqual(['Alpha', 'Beta', null]);
    expectFigures(
      result.byTeam.find((t) => t.teamId === alpha),
      { questions: 4, answered: 2, unanswered: 2, withinTarget: 1, decided: 3, withinTargetShare: 1 / 3, medianReplySeconds: hours(31), owedNow: 1 },
    );
    expectFigures(
      result.byTeam.find((t) => t.teamId === beta),
      { questions: 2, answered: 1, unanswered: 1, withinTarget: 0, decided: 2, withinTargetShare: 0, medianReplySeconds: hours(50), owedNow: 1 },
    );
    expectFigures(
      result.byTeam.find((t) => t.teamId === null),
      { questions: 1, answered: 1, withinTargetShare: 1, medianReplySeconds: hours(1), owedNow: 0 },
    );
  });

  it('counts questions by when they were asked, in the range chosen', async () => {
    const day = isoDay(oldQuestionAt);
    const result = await callerFor(ownerId).responsiveness.get({ orgSlug: slug, from: day, to: day });
    expect(result.range).toEqual({ from: day, to: day });
    expectFigures(result.agency, { questions: 1, answered: 1, unanswered: 0, withinTarget: 1, withinTargetShare: 1, medianReplySeconds: hours(3), owedNow: 2 });
    expectFigures(
      result.byRecruiter.find((r) => r.userId === rec1),
      { questions: 1, medianReplySeconds: hours(3) },
    );
    expectFigures(
      result.byRecruiter.find((r) => r.userId === rec2),
      { questions: 0, medianReplySeconds: null, owedNow: 2 },
    );
  });

  it('follows the agency’s reply target', async () => {
    await withTenant(orgId, (tx) => tx.execute(sql`update organizations set reply_target_hours = 72 where id = ${orgId}`));
    try {
      const result = await callerFor(ownerId).responsiveness.get({ orgSlug: slug });
      expect(result.replyTargetHours).toBe(72);
      // 1 h, 2 h, 50 h and 60 h all within 72 h; the 4- and 5-day-old unanswered questions are misses.
      expectFigures(result.agency, { withinTarget: 4, decided: 6, withinTargetShare: 4 / 6 });
    } finally {
      await withTenant(orgId, (tx) => tx.execute(sql`update organizations set reply_target_hours = 48 where id = ${orgId}`));
    }
  });

  it('refuses bad ranges with words', async () => {
    const caller = callerFor(ownerId);
    await expect(caller.responsiveness.get({ orgSlug: slug, from: '2025-03-01', to: '2025-02-01' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('on or after the start date'),
    });
    await expect(caller.responsiveness.get({ orgSlug: slug, from: '2023-01-01', to: '2025-01-01' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('at most 366 days'),
    });
    await expect(caller.responsiveness.get({ orgSlug: slug, from: 'yesterday' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('must be a date') });
  });

  it('is for owners and admins only, and only in their own agency', async () => {
    await expect(callerFor(rec1).responsiveness.get({ orgSlug: slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(viewerId).responsiveness.get({ orgSlug: slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await createTenant('RespOther');
    await expect(callerFor(other.ownerId).responsiveness.get({ orgSlug: slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // In its own agency, the other owner sees only its own fixture question.
    const own = await callerFor(other.ownerId).responsiveness.get({ orgSlug: other.slug });
    expect(own.agency.questions).toBe(1);
    const body = JSON.stringify(own);
    for (const secret of [rec1, rec2, alpha, beta, 'Avery Recruiter', 'Alpha']) expect(body).not.toContain(secret);
  });
});
