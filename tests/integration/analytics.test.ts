import { sql } from 'drizzle-orm';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { applications, candidates, interviews, jobs, memberships, organizations, teamMembers, teams, type Role, type TouchKind } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { GET as chartCsvRoute } from '@/app/api/orgs/[org]/analytics/[chart]/route';
import { auth } from '@/server/auth/config';
import { analyticsRouter } from '@/server/routers/analytics.router';
import { isoWeekLabel, parseAnalyticsView, shiftDay, weekStartOf, weeksBetween } from '@/server/services/analytics/analytics-view';
import type { Analytics } from '@/server/services/analytics/get-analytics';
import { recordTouch } from '@/server/services/touches/record-touch';
import { createContextForUser } from '@/server/trpc/context';
import { createCallerFactory, createTRPCRouter } from '@/server/trpc/init';
import { createTenant, createUser, type TenantFixture } from '../support/fixtures';

vi.mock('@/server/auth/config', () => ({ auth: vi.fn() }));

// The router is mounted here on its own, as the app router will mount it (analytics: analyticsRouter).
const router = createTRPCRouter({ analytics: analyticsRouter });
const createCaller = createCallerFactory(router);
const analyticsFor = (userId: string | null) => createCaller(createContextForUser(userId)).analytics;
type GetInput = Parameters<ReturnType<typeof analyticsFor>['get']>[0];

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();
const day = (date: Date) => date.toISOString().slice(0, 10);
const TODAY = day(new Date(NOW));
/** Monday 00:00 UTC of the week four weeks before this one: every scenario below happens after it and before now. */
const W1 = shiftDay(weekStartOf(TODAY), -28);
const W2 = shiftDay(W1, 7);
const at = (monday: string, days: number, hours: number) => new Date(Date.parse(`${monday}T00:00:00Z`) + days * DAY + hours * HOUR);
/** The range the scenario tests ask for: from the week before W1 to today. */
const RANGE = { from: shiftDay(W1, -7), to: TODAY };

// ---- building records directly ----

/** An agency whose shared fixture candidate is archived, so each test sees exactly the records it creates. */
async function freshTenant(label: string): Promise<TenantFixture> {
  const fx = await createTenant(label);
  await withTenant(fx.orgId, (tx) => tx.update(candidates).set({ archivedAt: new Date() }).where(sql`org_id = ${fx.orgId}`));
  return fx;
}

async function addTeam(orgId: string, name: string) {
  const [team] = await withTenant(orgId, (tx) => tx.insert(teams).values({ orgId, name }).returning({ id: teams.id }));
  return team!.id;
}

async function addPerson(orgId: string, role: Role, teamIds: string[] = [], name: string | null = null) {
  const user = await createUser(undefined, name);
  await withTenant(orgId, async (tx) => {
    await tx.insert(memberships).values({ orgId, userId: user.id, role });
    for (const teamId of teamIds) await tx.insert(teamMembers).values({ orgId, teamId, userId: user.id });
  });
  return user.id;
}

async function addJob(orgId: string, teamId: string, title: string) {
  const [job] = await withTenant(orgId, (tx) => tx.insert(jobs).values({ orgId, teamId, title, clientCompany: 'Acme' }).returning({ id: jobs.id }));
  return job!.id;
}

let counter = 0;
async function addCandidate(orgId: string, opts: { teamId: string | null; ownerId?: string | null; archived?: boolean }) {
  counter += 1;
  const [candidate] = await withTenant(orgId, (tx) =>
    tx
      .insert(candidates)
      .values({
        orgId,
        name: `Analytics Candidate ${counter}`,
        email: `analytics-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`,
        teamId: opts.teamId,
        ownerUserId: opts.ownerId ?? null,
        archivedAt: opts.archived ? new Date() : null,
      })
      .returning({ id: candidates.id }),
  );
  return candidate!.id;
}

/** A candidate (of the job's team) with one application and one interview that ends at `endsAt`. */
async function addInterview(orgId: string, jobId: string, teamId: string, endsAt: Date, opts: { ownerId?: string | null; archived?: boolean } = {}) {
  const candidateId = await addCandidate(orgId, { teamId, ownerId: opts.ownerId, archived: opts.archived });
  return withTenant(orgId, async (tx) => {
    const [application] = await tx.insert(applications).values({ orgId, candidateId, jobId, stage: 'interview' }).returning({ id: applications.id });
    const [interview] = await tx
      .insert(interviews)
      .values({ orgId, applicationId: application!.id, candidateId, startsAt: new Date(endsAt.getTime() - HOUR), endsAt, kind: 'video' })
      .returning({ id: interviews.id });
    return { candidateId, interviewId: interview!.id, endsAt };
  });
}

async function touch(orgId: string, candidateId: string, kind: TouchKind, occurredAt: Date, opts: { direction?: 'inbound' | 'outbound'; inReplyTo?: string } = {}) {
  counter += 1;
  const { touch: row } = await withTenant(orgId, (tx) =>
    recordTouch(
      { tx, orgId },
      { candidateId, kind, direction: opts.direction ?? 'inbound', channel: 'portal', occurredAt, inReplyTo: opts.inReplyTo, dedupeKey: `analytics-test-${counter}` },
    ),
  );
  return row.id;
}

const after = (date: Date, hours: number) => new Date(date.getTime() + hours * HOUR);

// ---- the scenario ----

interface Main {
  fx: TenantFixture;
  teamA: string;
  teamB: string;
  recruiterA: string;
  recruiterB: string;
  viewerA: string;
  loner: string;
  jobA1: string;
  jobA2: string;
  jobB: string;
  /** The week of the interview that is still inside its window. */
  waitingWeek: string;
}
let main: Main;
let other: TenantFixture;

/**
 * Agency "Main", time zone UTC, follow-up window 7 days, reply target 48 h. Team A (jobs A1, A2)
 * and team B (job B); every candidate belongs to their job's team.
 *
 * Week W1:  i1 A1 Mon 10:00, thank-you +2 h (followed, < 4 h)
 *           i2 A1 Tue 10:00, question +30 h (followed, 1–2 days), answered 6 h later; an email sent before it is no reply
 *           i3 A1 Wed 10:00, nothing (silent)
 *           i4 A1 Thu 10:00, email opened +1 h (weak: silent)
 *           i7 B  Mon 12:00, thank-you +72 h (followed, 2–4 days), owned by recruiter B
 *           X   a team-A candidate with no interview asks a question Fri 10:00, never answered
 * Week W2:  i5 A1 Mon 10:00, email reply +120 h (followed, 4–7 days), answered by a call 60 h later (over target)
 *           i6 A2 Tue 10:00, no owner, thank-you +10 h (followed, 4–24 h), question Wed 09:00 answered by email 10 h later
 *           i8 B  Wed 10:00, nothing (silent)
 * Recent:   i9 A1 ended a day ago (waiting); i10 A1 ends tomorrow (not held: left out)
 * Left out: an archived candidate's followed-up interview in W1.
 */
beforeAll(async () => {
  const fx = await freshTenant('Analytics');
  const teamA = fx.teamId;
  const teamB = await addTeam(fx.orgId, 'Team B');
  const recruiterA = fx.recruiterId;
  const recruiterB = await addPerson(fx.orgId, 'recruiter', [teamB], 'Recruiter B');
  const viewerA = await addPerson(fx.orgId, 'viewer', [teamA], 'Viewer A');
  const loner = await addPerson(fx.orgId, 'recruiter', [], 'Recruiter without team');
  const jobA1 = await addJob(fx.orgId, teamA, 'A1');
  const jobA2 = await addJob(fx.orgId, teamA, 'A2');
  const jobB = await addJob(fx.orgId, teamB, 'B');
  const o = fx.orgId;

  const i1 = await addInterview(o, jobA1, teamA, at(W1, 0, 10), { ownerId: recruiterA });
  await touch(o, i1.candidateId, 'thank_you', after(i1.endsAt, 2));
  const i2 = await addInterview(o, jobA1, teamA, at(W1, 1, 10), { ownerId: recruiterA });
  await touch(o, i2.candidateId, 'email_sent', after(i2.endsAt, 2), { direction: 'outbound' });
  const q2 = await touch(o, i2.candidateId, 'question', after(i2.endsAt, 30));
  await touch(o, i2.candidateId, 'answer', after(i2.endsAt, 36), { direction: 'outbound', inReplyTo: q2 });
  await addInterview(o, jobA1, teamA, at(W1, 2, 10), { ownerId: recruiterA });
  const i4 = await addInterview(o, jobA1, teamA, at(W1, 3, 10), { ownerId: recruiterA });
  await touch(o, i4.candidateId, 'email_open', after(i4.endsAt, 1));
  const i7 = await addInterview(o, jobB, teamB, at(W1, 0, 12), { ownerId: recruiterB });
  await touch(o, i7.candidateId, 'thank_you', after(i7.endsAt, 72));
  const x = await addCandidate(o, { teamId: teamA, ownerId: recruiterA });
  await touch(o, x, 'question', at(W1, 4, 10));

  const i5 = await addInterview(o, jobA1, teamA, at(W2, 0, 10), { ownerId: recruiterA });
  await touch(o, i5.candidateId, 'email_reply', after(i5.endsAt, 120));
  await touch(o, i5.candidateId, 'call', after(i5.endsAt, 180), { direction: 'outbound' });
  const i6 = await addInterview(o, jobA2, teamA, at(W2, 1, 10), { ownerId: null });
  await touch(o, i6.candidateId, 'thank_you', after(i6.endsAt, 10));
  await touch(o, i6.candidateId, 'question', at(W2, 2, 9));
  await touch(o, i6.candidateId, 'email_sent', at(W2, 2, 19), { direction: 'outbound' });
  await addInterview(o, jobB, teamB, at(W2, 2, 10), { ownerId: recruiterB });

  const i9 = await addInterview(o, jobA1, teamA, new Date(NOW - DAY), { ownerId: recruiterA });
  await addInterview(o, jobA1, teamA, new Date(NOW + DAY), { ownerId: recruiterA });
  const archived = await addInterview(o, jobA1, teamA, at(W1, 0, 9), { ownerId: recruiterA });
  await touch(o, archived.candidateId, 'question', after(archived.endsAt, 1));
  await withTenant(o, (tx) => tx.update(candidates).set({ archivedAt: new Date() }).where(sql`org_id = ${o} and id = ${archived.candidateId}`));

  main = { fx, teamA, teamB, recruiterA, recruiterB, viewerA, loner, jobA1, jobA2, jobB, waitingWeek: weekStartOf(day(i9.endsAt)) };

  // Another agency with follow-ups in the same weeks: none of it may show up in Main's figures.
  other = await freshTenant('Elsewhere');
  for (const hours of [1, 30, 100]) {
    const i = await addInterview(other.orgId, other.jobId, other.teamId, at(W1, 1, hours));
    await touch(other.orgId, i.candidateId, 'question', after(i.endsAt, 2));
  }
});

const get = (userId: string, input: Partial<GetInput> = {}) => analyticsFor(userId).get({ orgSlug: main.fx.slug, ...RANGE, ...input } as GetInput);
const week = <T extends { week: string }>(weeks: T[], monday: string) => weeks.find((w) => w.week === monday)!;
const rates = (data: Analytics) =>
  Object.fromEntries(data.followUpRate.weeks.filter((w) => w.interviews > 0).map((w) => [w.week, { n: w.interviews, followed: w.followedUp, silent: w.silent, waiting: w.waiting, rate: w.rate }]));
const mix = (data: Analytics) => Object.fromEntries(data.signalMix.weeks.filter((w) => w.total > 0).map((w) => [w.week, [w.strong, w.medium, w.weak]]));
const buckets = (data: Analytics) => Object.fromEntries(data.timeToFollowUp.buckets.map((b) => [b.key, b.count]));

describe('analytics.get: the four charts for an owner (every team)', () => {
  let data: Analytics;
  beforeAll(async () => {
    data = await get(main.fx.ownerId);
  });

  it('is the same for an admin (every team too)', async () => {
    const admin = await addPerson(main.fx.orgId, 'admin');
    expect(await get(admin)).toEqual(data);
  });

  it('covers the range week by week, Monday to Sunday, and names the ISO weeks', () => {
    expect(data.range).toEqual({ from: RANGE.from, to: RANGE.to, custom: true, weeks: 6 });
    expect(data.followUpRate.weeks.map((w) => w.week)).toEqual(weeksBetween(RANGE.from, RANGE.to));
    expect(data.signalMix.weeks).toHaveLength(6);
    expect(data.replyTime.weeks).toHaveLength(6);
    expect(week(data.followUpRate.weeks, W1)).toMatchObject({ isoWeek: isoWeekLabel(W1), partial: false });
    expect(data).toMatchObject({ timeZone: 'UTC', followUpWindowDays: 7, replyTargetHours: 48 });
  });

  it('follow-up rate: followed up out of the interviews whose window has closed, per week they ended', () => {
    expect(rates(data)).toEqual({
      [W1]: { n: 5, followed: 3, silent: 2, waiting: 0, rate: 0.6 },
      [W2]: { n: 3, followed: 2, silent: 1, waiting: 0, rate: 2 / 3 },
      [main.waitingWeek]: { n: 1, followed: 0, silent: 0, waiting: 1, rate: null },
    });
    expect(data.followUpRate.totals).toEqual({ interviews: 9, followedUp: 5, silent: 3, waiting: 1, rate: 5 / 8 });
  });

  it('time to follow up: one histogram bucket per follow-up, and the median', () => {
    expect(buckets(data)).toEqual({ under_4h: 1, '4h_24h': 1, '1d_2d': 1, '2d_4d': 1, '4d_7d': 1, over_7d: 0 });
    expect(data.timeToFollowUp.total).toBe(5);
    expect(data.timeToFollowUp.medianSeconds).toBe(30 * 3600);
    expect(data.timeToFollowUp.buckets[0]).toEqual({ key: 'under_4h', label: '< 4 h', count: 1, share: 0.2 });
  });

  it('signal mix: inbound touches per week by tier (strong ≥ 5, medium 4, weak 1–3); outbound ones are no signal', () => {
    // W1: questions of i2 and X (strong), thank-yous of i1 and i7 (medium), i4's open (weak).
    // W2: i5's email reply and i6's question (strong), i6's thank-you (medium).
    expect(mix(data)).toEqual({ [W1]: [2, 2, 1], [W2]: [2, 1, 0] });
    expect(data.signalMix.totals).toEqual({ strong: 4, medium: 3, weak: 1, total: 8 });
  });

  it('reply time: median time from a question or email reply to the first answer, against the reply target', () => {
    expect(week(data.replyTime.weeks, W1)).toMatchObject({ questions: 2, answered: 1, unanswered: 1, withinTarget: 1, medianSeconds: 6 * 3600 });
    // i5 waited 60 h (over the 48 h target), i6 10 h: the median is 35 h.
    expect(week(data.replyTime.weeks, W2)).toMatchObject({ questions: 2, answered: 2, unanswered: 0, withinTarget: 1, medianSeconds: 35 * 3600 });
    expect(data.replyTime.targetHours).toBe(48);
    expect(data.replyTime.totals).toEqual({ questions: 4, answered: 3, unanswered: 1, withinTarget: 2, medianSeconds: 10 * 3600 });
  });

  it('leaves out weeks with nothing as zeros (null rates and medians), never as gaps in the list', () => {
    const empty = week(data.followUpRate.weeks, RANGE.from);
    expect(empty).toMatchObject({ interviews: 0, rate: null });
    expect(week(data.replyTime.weeks, RANGE.from)).toMatchObject({ questions: 0, medianSeconds: null });
  });
});

describe('filters', () => {
  it('by team: the job’s team for interviews, the touch’s job (else the candidate’s) team for touches', async () => {
    const data = await get(main.fx.ownerId, { teamId: main.teamB });
    expect(rates(data)).toEqual({ [W1]: { n: 1, followed: 1, silent: 0, waiting: 0, rate: 1 }, [W2]: { n: 1, followed: 0, silent: 1, waiting: 0, rate: 0 } });
    expect(buckets(data)['2d_4d']).toBe(1);
    expect(data.timeToFollowUp.total).toBe(1);
    expect(mix(data)).toEqual({ [W1]: [0, 1, 0] });
    expect(data.replyTime.totals.questions).toBe(0);

    const teamA = await get(main.fx.ownerId, { teamId: main.teamA });
    expect(mix(teamA)).toEqual({ [W1]: [2, 1, 1], [W2]: [2, 1, 0] });
    expect(teamA.replyTime.totals).toMatchObject({ questions: 4, answered: 3 });
  });

  it('by job', async () => {
    const data = await get(main.fx.ownerId, { jobId: main.jobA2 });
    expect(rates(data)).toEqual({ [W2]: { n: 1, followed: 1, silent: 0, waiting: 0, rate: 1 } });
    expect(buckets(data)['4h_24h']).toBe(1);
    expect(mix(data)).toEqual({ [W2]: [1, 1, 0] });
    expect(week(data.replyTime.weeks, W2)).toMatchObject({ questions: 1, answered: 1, medianSeconds: 10 * 3600 });
  });

  it('by recruiter (the candidate’s owner)', async () => {
    const data = await get(main.fx.ownerId, { ownerId: main.recruiterB });
    expect(data.followUpRate.totals).toMatchObject({ interviews: 2, followedUp: 1, silent: 1 });
    const a = await get(main.fx.ownerId, { ownerId: main.recruiterA });
    // i6 has no owner: only W1's four, i5 and the waiting i9 are recruiter A's.
    expect(a.followUpRate.totals).toMatchObject({ interviews: 6, followedUp: 3, silent: 2, waiting: 1 });
    expect(a.replyTime.totals).toMatchObject({ questions: 3, answered: 2 });
  });

  it('by dates: days of the agency, both inclusive, one week only', async () => {
    const data = await get(main.fx.ownerId, { from: W2, to: shiftDay(W2, 6) });
    expect(data.range).toEqual({ from: W2, to: shiftDay(W2, 6), custom: true, weeks: 1 });
    expect(rates(data)).toEqual({ [W2]: { n: 3, followed: 2, silent: 1, waiting: 0, rate: 2 / 3 } });
    expect(data.followUpRate.weeks[0]!.partial).toBe(false);
    // i6's question (Wed) is in; i5's email reply (Sat) too; W1's are out.
    expect(data.replyTime.totals.questions).toBe(2);

    const midweek = await get(main.fx.ownerId, { from: shiftDay(W1, 1), to: shiftDay(W1, 1) });
    expect(midweek.followUpRate.weeks).toEqual([expect.objectContaining({ week: W1, partial: true, interviews: 1, followedUp: 1 })]);
  });

  it('defaults to the last 12 weeks, today included; a start alone runs to today', async () => {
    const data = await analyticsFor(main.fx.ownerId).get({ orgSlug: main.fx.slug });
    expect(data.range).toEqual({ from: shiftDay(weekStartOf(TODAY), -77), to: TODAY, custom: false, weeks: 12 });
    expect(data.followUpRate.totals.interviews).toBe(9);
    const from = await analyticsFor(main.fx.ownerId).get({ orgSlug: main.fx.slug, from: W2 });
    expect(from.range).toMatchObject({ from: W2, to: TODAY, custom: true });
    const to = await analyticsFor(main.fx.ownerId).get({ orgSlug: main.fx.slug, to: shiftDay(W2, 6) });
    expect(to.range).toMatchObject({ from: shiftDay(W2, -77), to: shiftDay(W2, 6), weeks: 12 });
  });
});

describe('visibility', () => {
  it('a recruiter of team A sees team A’s numbers only, whatever the filters', async () => {
    const data = await get(main.recruiterA);
    expect(rates(data)).toEqual({
      [W1]: { n: 4, followed: 2, silent: 2, waiting: 0, rate: 0.5 },
      [W2]: { n: 2, followed: 2, silent: 0, waiting: 0, rate: 1 },
      [main.waitingWeek]: { n: 1, followed: 0, silent: 0, waiting: 1, rate: null },
    });
    expect(buckets(data)['2d_4d']).toBe(0);
    expect(mix(data)).toEqual({ [W1]: [2, 1, 1], [W2]: [2, 1, 0] });
    // Asking for team B (or its job, or its recruiter) shows nothing rather than team B's figures.
    for (const input of [{ teamId: main.teamB }, { jobId: main.jobB }, { ownerId: main.recruiterB }]) {
      const filtered = await get(main.recruiterA, input);
      expect(filtered.followUpRate.totals.interviews, JSON.stringify(input)).toBe(0);
      expect(filtered.signalMix.totals.total).toBe(0);
      expect(filtered.timeToFollowUp.total).toBe(0);
    }
  });

  it('a recruiter of team B sees team B only; a viewer of team A sees what recruiter A sees', async () => {
    const b = await get(main.recruiterB);
    expect(b.followUpRate.totals).toMatchObject({ interviews: 2, followedUp: 1, silent: 1 });
    expect(b.signalMix.totals).toEqual({ strong: 0, medium: 1, weak: 0, total: 1 });
    expect(b.replyTime.totals.questions).toBe(0);
    const viewer = await get(main.viewerA);
    const recruiter = await get(main.recruiterA);
    expect(viewer).toEqual(recruiter);
  });

  it('a recruiter in no team sees nothing', async () => {
    const data = await get(main.loner);
    expect(data.followUpRate.totals.interviews).toBe(0);
    expect(data.signalMix.totals.total).toBe(0);
    expect(data.replyTime.totals.questions).toBe(0);
  });

  it('another agency’s data is never included, and its slug answers like a missing agency', async () => {
    const owner = await get(main.fx.ownerId, { teamId: other.teamId });
    expect(owner.followUpRate.totals.interviews).toBe(0);
    expect(owner.signalMix.totals.total).toBe(0);
    const elsewhere = await analyticsFor(other.ownerId).get({ orgSlug: other.slug, ...RANGE });
    expect(elsewhere.followUpRate.totals).toMatchObject({ interviews: 3, followedUp: 3 });
    await expect(analyticsFor(other.ownerId).get({ orgSlug: main.fx.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(analyticsFor(null).get({ orgSlug: main.fx.slug })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('the agency’s time zone and window', () => {
  it('puts a Sunday-evening (UTC) interview in the next week where the agency works, and counts gaps over 7 days when the window is longer', async () => {
    const fx = await freshTenant('Tokyo');
    await withTenant(fx.orgId, (tx) => tx.update(organizations).set({ timeZone: 'Asia/Tokyo', followUpWindowDays: 14 }).where(sql`id = ${fx.orgId}`));
    // Sunday 20:00 UTC is Monday 05:00 in Tokyo.
    const sunday = at(W1, 6, 20);
    const i = await addInterview(fx.orgId, fx.jobId, fx.teamId, sunday);
    await touch(fx.orgId, i.candidateId, 'thank_you', after(sunday, 8 * 24 + 1));
    const data = await analyticsFor(fx.ownerId).get({ orgSlug: fx.slug, from: W1, to: shiftDay(W2, 6) });
    expect(data.timeZone).toBe('Asia/Tokyo');
    expect(rates(data)).toEqual({ [W2]: { n: 1, followed: 1, silent: 0, waiting: 0, rate: 1 } });
    expect(buckets(data)).toMatchObject({ over_7d: 1, '4d_7d': 0 });
    // The range's first day starts at midnight in Tokyo: Monday W2 05:00 is inside "from W2".
    const fromW2 = await analyticsFor(fx.ownerId).get({ orgSlug: fx.slug, from: W2, to: W2 });
    expect(fromW2.followUpRate.totals.interviews).toBe(1);
  });
});

/** Calls the query over HTTP as the browser does, to read the message a user would see. */
async function httpGet(userId: string, input: unknown) {
  const url = `http://localhost/api/trpc/analytics.get?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await fetchRequestHandler({ endpoint: '/api/trpc', router, req: new Request(url), createContext: () => createContextForUser(userId) });
  const body = (await response.json()) as { error?: { json: { message: string; data: { code: string } } } };
  return { status: response.status, message: body.error?.json.message, code: body.error?.json.data.code };
}

describe('bad filters', () => {
  it.each([
    [{ teamId: 'not-a-team' }, 'teamId: must be a team id'],
    [{ jobId: '42' }, 'jobId: must be a job id'],
    [{ ownerId: 'someone' }, 'ownerId: must be a member id'],
    [{ from: '2026-02-30' }, 'from: must be a date like 2026-01-31'],
    [{ from: '31/01/2026' }, 'from: must be a date like 2026-01-31'],
    [{ from: '2026-03-01', to: '2026-02-01' }, 'to: must be on or after the start date (from)'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'to: must make a range of at most 366 days (one year)'],
  ])('%j is refused: %s', async (input, message) => {
    const response = await httpGet(main.fx.ownerId, { orgSlug: main.fx.slug, ...input });
    expect(response).toEqual({ status: 400, code: 'BAD_REQUEST', message });
  });

  it('accepts a range of exactly a year (366 days with a leap day)', async () => {
    const data = await analyticsFor(main.fx.ownerId).get({ orgSlug: main.fx.slug, from: '2024-01-01', to: '2024-12-31' });
    expect(data.range.weeks).toBe(53);
  });
});

describe('URL parsing (lenient, for shared links)', () => {
  it('keeps valid filters and drops what does not parse or a range over a year', () => {
    const team = '7b1c0a52-3f7e-4d8e-9c43-0a8f1f4a2b11';
    expect(parseAnalyticsView({ teamId: team, jobId: 'x', from: '2026-01-05', to: '2026-03-01' })).toEqual({ teamId: team, from: '2026-01-05', to: '2026-03-01' });
    expect(parseAnalyticsView({ from: '2026-03-01', to: '2026-01-01' })).toEqual({});
    expect(parseAnalyticsView({ from: '2024-01-01', to: '2025-06-01' })).toEqual({});
    expect(parseAnalyticsView({ from: ['2026-01-05', '2026-02-01'], to: '2026-02-30' })).toEqual({ from: '2026-01-05' });
  });
});

describe('CSV downloads', () => {
  const signIn = (userId: string | null) => (auth as unknown as Mock).mockResolvedValue(userId ? { user: { id: userId } } : null);
  const download = (slug: string, chart: string, query = '') =>
    chartCsvRoute(new Request(`http://localhost/api/orgs/${slug}/analytics/${chart}${query ? `?${query}` : ''}`), { params: Promise.resolve({ org: slug, chart }) });
  const lines = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const query = new URLSearchParams(RANGE).toString();

  it('follow-up rate: UTF-8 CSV with a byte-order mark, one row per week, same figures as the chart', async () => {
    signIn(main.fx.ownerId);
    const response = await download(main.fx.slug, 'follow-up-rate', query);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="afterview-${main.fx.slug}-follow-up-rate-${RANGE.from}-to-${RANGE.to}.csv"`);
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = lines(await response.text());
    expect(header).toBe('Week starting,ISO week,Partial week,Interviews ended,Followed up,Silent,Still waiting,Follow-up rate (%)');
    expect(rows).toHaveLength(6);
    expect(rows).toContain(`${W1},${isoWeekLabel(W1)},no,5,3,2,0,60.0`);
    expect(rows).toContain(`${W2},${isoWeekLabel(W2)},no,3,2,1,0,66.7`);
    expect(rows[0]).toBe(`${RANGE.from},${isoWeekLabel(RANGE.from)},no,0,0,0,0,`);
  });

  it('the other three charts, and a .csv ending is fine', async () => {
    signIn(main.fx.ownerId);
    const histogram = lines(await (await download(main.fx.slug, 'time-to-follow-up.csv', query)).text());
    expect(histogram).toEqual(['Time to follow up,Interviews,Share (%)', '< 4 h,1,20.0', '4–24 h,1,20.0', '1–2 days,1,20.0', '2–4 days,1,20.0', '4–7 days,1,20.0', '> 7 days,0,0.0']);
    const signals = lines(await (await download(main.fx.slug, 'signal-mix', query)).text());
    expect(signals[0]).toBe('Week starting,ISO week,Partial week,Strong,Medium,Weak,Total');
    expect(signals).toContain(`${W1},${isoWeekLabel(W1)},no,2,2,1,5`);
    const replies = lines(await (await download(main.fx.slug, 'reply-time', query)).text());
    expect(replies[0]).toBe('Week starting,ISO week,Partial week,Questions,Answered,Unanswered,Answered within target,Median reply time (hours),Reply target (hours)');
    expect(replies).toContain(`${W2},${isoWeekLabel(W2)},no,2,2,0,1,35.0,48`);
  });

  it('no cell can start a spreadsheet formula', async () => {
    signIn(main.fx.ownerId);
    for (const chart of ['follow-up-rate', 'time-to-follow-up', 'signal-mix', 'reply-time']) {
      const cells = lines(await (await download(main.fx.slug, chart, query)).text()).flatMap((line) => line.split(','));
      for (const cell of cells) expect(cell, `${chart}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('applies the filters and the member’s visibility', async () => {
    signIn(main.recruiterB);
    const rows = lines(await (await download(main.fx.slug, 'follow-up-rate', query)).text());
    expect(rows).toContain(`${W1},${isoWeekLabel(W1)},no,1,1,0,0,100.0`);
    signIn(main.fx.ownerId);
    const filtered = lines(await (await download(main.fx.slug, 'follow-up-rate', `${query}&jobId=${main.jobA2}`)).text());
    expect(filtered).toContain(`${W2},${isoWeekLabel(W2)},no,1,1,0,0,100.0`);
    expect(filtered).toContain(`${W1},${isoWeekLabel(W1)},no,0,0,0,0,`);
  });

  it('refuses the signed-out, other agencies, unknown charts and bad filters, with words', async () => {
    signIn(null);
    expect((await download(main.fx.slug, 'signal-mix')).status).toBe(401);
    signIn(other.ownerId);
    const foreign = await download(main.fx.slug, 'signal-mix');
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toContain('does not exist or you are not a member of it');
    signIn(main.fx.ownerId);
    const unknown = await download(main.fx.slug, 'salaries');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('There is no such chart. Choose one of: follow-up-rate, time-to-follow-up, signal-mix, reply-time.\n');
    const bad = await download(main.fx.slug, 'signal-mix', 'from=2026-03-01&to=2026-01-01&teamId=x');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('teamId: must be a team id; to: must be on or after the start date (from)\n');
  });
});
