import { sql, type SQL } from 'drizzle-orm';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { queryRows } from '@/db/client';
import { applications, candidates, interviews, jobs, memberships, organizations, teamMembers, teams, type Role, type Stage, type TouchKind } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { auth } from '@/server/auth/config';
import type { DashboardRow } from '@/server/services/dashboard/dashboard-query';
import type { DashboardSort, SortOrder } from '@/server/services/dashboard/dashboard-view';
import { exportDashboardCsv, ZExportDashboardCsvInput } from '@/server/services/dashboard/export-dashboard-csv';
import { recordTouch } from '@/server/services/touches/record-touch';
import { createContextForUser } from '@/server/trpc/context';
import { appRouter } from '@/server/trpc/root';
import { POST as exportRoute } from '@/app/api/orgs/[org]/dashboard.csv/route';
import { callerFor, createTenant, createUser, type TenantFixture } from '../support/fixtures';

vi.mock('@/server/auth/config', () => ({ auth: vi.fn() }));

const HOUR = 3600_000;
const NOW = Date.now();
const ago = (hours: number) => new Date(NOW - hours * HOUR);
const after = (date: Date, hours: number) => new Date(date.getTime() + hours * HOUR);
const day = (date: Date) => date.toISOString().slice(0, 10);

// ---- building records directly, as the features that create them are not part of this suite ----

/**
 * An agency whose shared fixture candidate is archived, so each test here sees exactly the records
 * it creates, whatever the fixture seeds.
 */
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

async function addJob(orgId: string, teamId: string, title: string, clientCompany: string, archived = false) {
  const [job] = await withTenant(orgId, (tx) =>
    tx.insert(jobs).values({ orgId, teamId, title, clientCompany, archivedAt: archived ? new Date() : null }).returning({ id: jobs.id }),
  );
  return job!.id;
}

let emailCounter = 0;
async function addCandidate(orgId: string, name: string, opts: { ownerId?: string | null; teamId?: string | null; archived?: boolean } = {}) {
  emailCounter += 1;
  const [candidate] = await withTenant(orgId, (tx) =>
    tx
      .insert(candidates)
      .values({
        orgId,
        name,
        email: `cand-${emailCounter}-${Math.random().toString(36).slice(2, 8)}@example.com`,
        ownerUserId: opts.ownerId ?? null,
        teamId: opts.teamId ?? null,
        archivedAt: opts.archived ? new Date() : null,
      })
      .returning({ id: candidates.id }),
  );
  return candidate!.id;
}

async function addInterview(
  orgId: string,
  candidateId: string,
  jobId: string,
  endsAt: Date | SQL,
  opts: { stage?: Stage; archived?: boolean; applicationArchived?: boolean } = {},
) {
  return withTenant(orgId, async (tx) => {
    const [application] = await tx
      .insert(applications)
      .values({ orgId, candidateId, jobId, stage: opts.stage ?? 'interview', archivedAt: opts.applicationArchived ? new Date() : null })
      .returning({ id: applications.id });
    const [interview] = await tx
      .insert(interviews)
      .values({
        orgId,
        applicationId: application!.id,
        candidateId,
        startsAt: endsAt instanceof Date ? new Date(endsAt.getTime() - HOUR) : sql`${endsAt} - interval '1 hour'`,
        endsAt,
        kind: 'video',
        archivedAt: opts.archived ? new Date() : null,
      })
      .returning({ id: interviews.id, endsAt: interviews.endsAt });
    return { interviewId: interview!.id, applicationId: application!.id, endsAt: interview!.endsAt };
  });
}

let dedupe = 0;
async function touch(
  orgId: string,
  candidateId: string,
  kind: TouchKind,
  occurredAt: Date,
  opts: { interviewId?: string; direction?: 'inbound' | 'outbound'; body?: string; channel?: 'portal' | 'email' } = {},
) {
  dedupe += 1;
  await withTenant(orgId, (tx) =>
    recordTouch(
      { tx, orgId },
      {
        candidateId,
        interviewId: opts.interviewId,
        kind,
        direction: opts.direction ?? 'inbound',
        channel: opts.channel ?? 'portal',
        occurredAt,
        body: opts.body,
        dedupeKey: `dashboard-test-${dedupe}`,
      },
    ),
  );
}

/** Calls a query over HTTP exactly as the browser does, to read the message a user would see. */
async function httpQuery(userId: string, path: string, input: unknown) {
  const url = `http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await fetchRequestHandler({ endpoint: '/api/trpc', router: appRouter, req: new Request(url), createContext: () => createContextForUser(userId) });
  const body = (await response.json()) as { error?: { json: { message: string; data: { code: string } } } };
  return { status: response.status, message: body.error?.json.message, code: body.error?.json.data.code };
}

type ListInput = Parameters<ReturnType<typeof callerFor>['dashboard']['list']>[0];

async function walk(userId: string, input: ListInput): Promise<DashboardRow[]> {
  const rows: DashboardRow[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages += 1) {
    const page = await callerFor(userId).dashboard.list({ ...input, cursor });
    rows.push(...page.items);
    if (!page.nextCursor) return rows;
    expect(page.items).toHaveLength(input.limit ?? 25);
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

// ---- the main agency: two teams, one interview per candidate, every follow-up state ----

interface Main {
  fx: TenantFixture;
  teamX: string;
  teamY: string;
  recruiterX: string;
  recruiterY: string;
  admin: string;
  viewer: string;
  jobA: string;
  jobB: string;
  ids: Record<string, string>;
  ends: Record<string, Date>;
}
let main: Main;

beforeAll(async () => {
  const fx = await freshTenant('Dash');
  const teamX = fx.teamId;
  const teamY = await addTeam(fx.orgId, 'Sales');
  const recruiterX = fx.recruiterId;
  const recruiterY = await addPerson(fx.orgId, 'recruiter', [teamY], 'Yara Recruiter');
  const admin = await addPerson(fx.orgId, 'admin');
  const viewer = await addPerson(fx.orgId, 'viewer');
  const jobA = await addJob(fx.orgId, teamX, 'Backend Engineer', 'Acme');
  const jobB = await addJob(fx.orgId, teamY, 'Account Executive', 'Globex');
  const jobArchived = await addJob(fx.orgId, teamX, 'Old Role', 'Initech', true);

  const ids: Record<string, string> = {};
  const ends: Record<string, Date> = {};
  const make = async (name: string, jobId: string, endedHoursAgo: number, opts: { owner?: string | null; stage?: Stage; archived?: boolean; applicationArchived?: boolean; candidateArchived?: boolean } = {}) => {
    const candidateId = await addCandidate(fx.orgId, name, { ownerId: opts.owner ?? null, archived: opts.candidateArchived });
    const interview = await addInterview(fx.orgId, candidateId, jobId, ago(endedHoursAgo), opts);
    ids[name] = interview.interviewId;
    ends[name] = interview.endsAt;
    return { candidateId, ...interview };
  };

  const ann = await make('Ann Archer', jobA, 240, { owner: recruiterX, stage: 'interview' });
  await touch(fx.orgId, ann.candidateId, 'thank_you', after(ann.endsAt, 3), { interviewId: ann.interviewId });
  await make('Ben Baker', jobA, 48, { owner: recruiterX, stage: 'offer' });
  await make('Cat Cole', jobB, 480, { owner: recruiterY, stage: 'interview' });
  const dan = await make('Dan Dunn', jobB, 216, { owner: recruiterY, stage: 'screening' });
  await touch(fx.orgId, dan.candidateId, 'email_open', after(dan.endsAt, 1), { interviewId: dan.interviewId });
  await touch(fx.orgId, dan.candidateId, 'question', after(dan.endsAt, 48), { interviewId: dan.interviewId, body: 'When do we hear back?' });
  const eve = await make('Eve Ekker', jobA, 288, { owner: null, stage: 'interview' });
  await touch(fx.orgId, eve.candidateId, 'email_open', after(eve.endsAt, 1), { interviewId: eve.interviewId });
  const jon = await make('Jon Jones', jobB, 720, { owner: recruiterY, stage: 'interview' });
  await touch(fx.orgId, jon.candidateId, 'thank_you', after(jon.endsAt, 240), { interviewId: jon.interviewId });
  // None of these may appear anywhere: each has one archived link in the chain.
  await make('Fay Archived Interview', jobA, 24, { owner: recruiterX, archived: true });
  await make('Gus Archived Candidate', jobA, 72, { owner: recruiterX, candidateArchived: true });
  await make('Hal Archived Job', jobArchived, 72, { owner: recruiterX });
  await make('Ivy Archived Application', jobA, 72, { owner: recruiterX, applicationArchived: true });

  main = { fx, teamX, teamY, recruiterX, recruiterY, admin, viewer, jobA, jobB, ids, ends };
});

const names = (rows: DashboardRow[]) => rows.map((r) => r.candidateName).sort();
const LIVE = ['Ann Archer', 'Ben Baker', 'Cat Cole', 'Dan Dunn', 'Eve Ekker', 'Jon Jones'];

describe('dashboard.list: who followed up, who is waiting, who stayed silent', () => {
  it('classifies each live interview and measures the follow-up', async () => {
    const page = await callerFor(main.fx.ownerId).dashboard.list({ orgSlug: main.fx.slug });
    expect(names(page.items)).toEqual(LIVE);
    expect(page.nextCursor).toBeNull();
    const by = Object.fromEntries(page.items.map((r) => [r.candidateName, r]));

    expect(by['Ann Archer']).toMatchObject({
      status: 'followed_up',
      latencySeconds: 3 * 3600,
      latencyLabel: '3 h',
      strength: 'medium',
      strongestKind: 'thank_you',
      strongestLabel: 'Thank-you note',
      scorePoints: 40,
      jobTitle: 'Backend Engineer',
      clientCompany: 'Acme',
      teamName: 'Fixture team',
      ownerName: 'Dash Recruiter',
      stage: 'interview',
    });
    expect(by['Ann Archer']!.followedUpAt).toEqual(after(main.ends['Ann Archer']!, 3));
    expect(by['Dan Dunn']).toMatchObject({ status: 'followed_up', latencySeconds: 48 * 3600, latencyLabel: '2 d', strength: 'strong', strongestLabel: 'Question', scorePoints: 55 });
    // Ended two days ago with a seven-day window: not silent yet.
    expect(by['Ben Baker']).toMatchObject({ status: 'waiting', upcoming: false, followedUpAt: null, latencySeconds: null, latencyLabel: null, strength: 'none', strongestKind: null, scorePoints: 0 });
    expect(by['Ben Baker']!.windowEndsAt).toEqual(after(main.ends['Ben Baker']!, 7 * 24));
    expect(by['Cat Cole']).toMatchObject({ status: 'silent', strength: 'none', ownerName: 'Yara Recruiter' });
    // An opened email is a signal but not a follow-up; a thank-you after the window is too late.
    expect(by['Eve Ekker']).toMatchObject({ status: 'silent', strength: 'weak', strongestLabel: 'Email opened', scorePoints: 10, ownerId: null, ownerName: null });
    expect(by['Jon Jones']).toMatchObject({ status: 'silent', followedUpAt: null, strength: 'medium', scorePoints: 20 });
  });

  it('counts the three states, and the median time to follow up', async () => {
    const summary = await callerFor(main.fx.ownerId).dashboard.summary({ orgSlug: main.fx.slug });
    expect(summary).toEqual({ total: 6, followedUp: 2, waiting: 1, silent: 3, upcoming: 0, medianLatencySeconds: (3 + 48) * 1800, medianLatencyLabel: '25 h' });
  });

  it('counts an interview not held yet as waiting, and marks it upcoming', async () => {
    const candidateId = await addCandidate(main.fx.orgId, 'Uma Upcoming');
    const { interviewId } = await addInterview(main.fx.orgId, candidateId, main.jobA, after(new Date(), 48));
    try {
      const page = await callerFor(main.fx.ownerId).dashboard.list({ orgSlug: main.fx.slug, limit: 1 });
      expect(page.items[0]).toMatchObject({ candidateName: 'Uma Upcoming', status: 'waiting', upcoming: true });
      expect(await callerFor(main.fx.ownerId).dashboard.summary({ orgSlug: main.fx.slug })).toMatchObject({ total: 7, waiting: 2, upcoming: 1 });
    } finally {
      await withTenant(main.fx.orgId, (tx) => tx.update(interviews).set({ archivedAt: new Date() }).where(sql`id = ${interviewId}`));
    }
  });

  it('sees a later window setting at once: Ben turns silent when the window shrinks to one day', async () => {
    await withTenant(main.fx.orgId, (tx) => tx.update(organizations).set({ followUpWindowDays: 1 }).where(sql`id = ${main.fx.orgId}`));
    try {
      const summary = await callerFor(main.fx.ownerId).dashboard.summary({ orgSlug: main.fx.slug });
      expect(summary).toMatchObject({ followedUp: 2, waiting: 0, silent: 4 });
    } finally {
      await withTenant(main.fx.orgId, (tx) => tx.update(organizations).set({ followUpWindowDays: 7 }).where(sql`id = ${main.fx.orgId}`));
    }
  });

  it.each<[string, Partial<ListInput>, string[]]>([
    ['team X', { teamId: 'X' }, ['Ann Archer', 'Ben Baker', 'Eve Ekker']],
    ['team Y', { teamId: 'Y' }, ['Cat Cole', 'Dan Dunn', 'Jon Jones']],
    ['job B', { jobId: 'B' }, ['Cat Cole', 'Dan Dunn', 'Jon Jones']],
    ['owner', { ownerId: 'recruiterX' }, ['Ann Archer', 'Ben Baker']],
    ['stage', { stage: 'offer' }, ['Ben Baker']],
    ['followed up', { followedUp: 'yes' }, ['Ann Archer', 'Dan Dunn']],
    ['not followed up', { followedUp: 'no' }, ['Ben Baker', 'Cat Cole', 'Eve Ekker', 'Jon Jones']],
    ['followed up or not', { followedUp: 'all' }, LIVE],
    ['date range', { from: 'D-11', to: 'D-8' }, ['Ann Archer', 'Dan Dunn']],
    ['start date only', { from: 'D-3' }, ['Ben Baker']],
    ['end date only', { to: 'D-13' }, ['Cat Cole', 'Jon Jones']],
    ['one day', { from: 'D-2', to: 'D-2' }, ['Ben Baker']],
    ['several at once', { teamId: 'X', followedUp: 'no', ownerId: 'recruiterX' }, ['Ben Baker']],
  ])('filters by %s, in the list and in the summary alike', async (_label, raw, expected) => {
    const resolve = (v: unknown) => {
      if (v === 'X') return main.teamX;
      if (v === 'Y') return main.teamY;
      if (v === 'B') return main.jobB;
      if (v === 'recruiterX') return main.recruiterX;
      if (typeof v === 'string' && v.startsWith('D-')) return day(ago(Number(v.slice(2)) * 24));
      return v;
    };
    const filters = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, resolve(v)])) as Partial<ListInput>;
    const page = await callerFor(main.fx.ownerId).dashboard.list({ orgSlug: main.fx.slug, ...filters });
    expect(names(page.items)).toEqual(expected);
    const summary = await callerFor(main.fx.ownerId).dashboard.summary({ orgSlug: main.fx.slug, ...filters });
    expect(summary.total).toBe(expected.length);
    expect(summary.followedUp + summary.waiting + summary.silent).toBe(expected.length);
  });
});

describe('dashboard visibility', () => {
  it('shows recruiters and viewers only their teams’ jobs, and owners and admins everything', async () => {
    const list = async (userId: string, extra: Partial<ListInput> = {}) => names((await callerFor(userId).dashboard.list({ orgSlug: main.fx.slug, ...extra })).items);
    expect(await list(main.fx.ownerId)).toEqual(LIVE);
    expect(await list(main.admin)).toEqual(LIVE);
    expect(await list(main.recruiterX)).toEqual(['Ann Archer', 'Ben Baker', 'Eve Ekker']);
    expect(await list(main.recruiterY)).toEqual(['Cat Cole', 'Dan Dunn', 'Jon Jones']);
    expect(await list(main.viewer)).toEqual([]);
    // Naming another team's job or team does not open it up.
    expect(await list(main.recruiterX, { jobId: main.jobB })).toEqual([]);
    expect(await list(main.recruiterX, { teamId: main.teamY })).toEqual([]);
  });

  it('counts only what the member can see', async () => {
    expect(await callerFor(main.recruiterX).dashboard.summary({ orgSlug: main.fx.slug })).toMatchObject({ total: 3, followedUp: 1, waiting: 1, silent: 1 });
    expect(await callerFor(main.viewer).dashboard.summary({ orgSlug: main.fx.slug })).toMatchObject({ total: 0, medianLatencySeconds: null });
  });

  it('offers only visible teams and jobs in the filter pickers', async () => {
    const mine = await callerFor(main.recruiterX).dashboard.options({ orgSlug: main.fx.slug });
    expect(mine.teams.map((t) => t.id)).toEqual([main.teamX]);
    expect(mine.jobs.map((j) => j.title)).toContain('Backend Engineer');
    expect(mine.jobs.every((j) => j.teamId === main.teamX)).toBe(true);
    expect(mine.settings).toEqual({ timeZone: 'UTC', followUpWindowDays: 7, replyTargetHours: 48 });
    const all = await callerFor(main.admin).dashboard.options({ orgSlug: main.fx.slug });
    expect(all.teams.map((t) => t.name)).toEqual(['Fixture team', 'Sales']);
    expect(all.jobs.map((j) => j.title)).toEqual(expect.arrayContaining(['Account Executive', 'Backend Engineer']));
    expect(all.jobs.map((j) => j.title)).not.toContain('Old Role');
    expect(all.owners.map((o) => o.id)).toContain(main.recruiterY);
  });
});

describe('dashboard sorting and keyset pagination', () => {
  let orgSlug: string;
  let ownerId: string;
  let all: string[];

  beforeAll(async () => {
    const fx = await freshTenant('Pages');
    orgSlug = fx.slug;
    ownerId = fx.ownerId;
    const jobId = await addJob(fx.orgId, fx.teamId, 'Designer', 'Umbrella');
    // Ties everywhere: equal end times (some with microseconds, from the database clock), names
    // equal but for case, equal scores and equal latencies, and many rows with no latency at all.
    const firstNames = ['alex', 'Alex', 'Blake', 'casey', 'Casey', 'Drew'];
    const endings: (Date | SQL)[] = [ago(100), ago(100), ago(200), sql`now() - interval '150 hours'`, sql`now() - interval '150 hours 0.000123 seconds'`];
    const followUps: (number | null)[] = [null, 1, 1, 5, null, 30, null, 1];
    all = [];
    for (let n = 0; n < 23; n += 1) {
      const candidateId = await addCandidate(fx.orgId, firstNames[n % firstNames.length]!, { ownerId: fx.ownerId });
      const interview = await addInterview(fx.orgId, candidateId, jobId, endings[n % endings.length]!);
      all.push(interview.interviewId);
      const hours = followUps[n % followUps.length];
      if (hours !== null && hours !== undefined) {
        await touch(fx.orgId, candidateId, n % 3 === 0 ? 'question' : 'thank_you', after(interview.endsAt, hours), { interviewId: interview.interviewId });
      }
    }
  });

  const combos: [DashboardSort, SortOrder][] = [
    ['ended', 'desc'],
    ['ended', 'asc'],
    ['latency', 'asc'],
    ['latency', 'desc'],
    ['score', 'desc'],
    ['score', 'asc'],
    ['candidate', 'asc'],
    ['candidate', 'desc'],
  ];

  it.each(combos)('walks every page by %s %s with no duplicates and no gaps, in one consistent order', async (sort, order) => {
    const oneGo = (await callerFor(ownerId).dashboard.list({ orgSlug, sort, order, limit: 100 })).items;
    expect(oneGo).toHaveLength(23);
    for (const limit of [1, 4, 7]) {
      const walked = await walk(ownerId, { orgSlug, sort, order, limit });
      const ids = walked.map((r) => r.interviewId);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...all].sort());
      expect(ids).toEqual(oneGo.map((r) => r.interviewId));
    }

    const sign = order === 'asc' ? 1 : -1;
    const key = (r: DashboardRow): number | string | null =>
      sort === 'ended' ? r.endsAt.getTime() : sort === 'latency' ? r.latencySeconds : sort === 'score' ? r.scorePoints : r.candidateName.toLowerCase();
    for (let i = 1; i < oneGo.length; i += 1) {
      const a = key(oneGo[i - 1]!);
      const b = key(oneGo[i]!);
      if (a === null) expect(b, 'rows with no follow-up come last').toBeNull();
      else if (b !== null && sort !== 'candidate') expect(sign * ((a as number) - (b as number))).toBeLessThanOrEqual(0);
    }
  });

  it('sorts by end time newest first unless told otherwise', async () => {
    const rows = (await callerFor(ownerId).dashboard.list({ orgSlug, limit: 100 })).items;
    const times = rows.map((r) => r.endsAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('pages 25 rows by default', async () => {
    const page = await callerFor(ownerId).dashboard.list({ orgSlug });
    expect(page.items).toHaveLength(23);
    expect(page.nextCursor).toBeNull();
    const small = await callerFor(ownerId).dashboard.list({ orgSlug, limit: 22 });
    expect(small.nextCursor).not.toBeNull();
  });
});

describe('dashboard inputs', () => {
  const wrongSortCursor = async () => (await callerFor(main.fx.ownerId).dashboard.list({ orgSlug: main.fx.slug, sort: 'score', limit: 1 })).nextCursor;
  const tampered = (value: unknown) => Buffer.from(JSON.stringify({ t: 'dashboard:ended:desc', v: value, id: main.ids['Ann Archer'] })).toString('base64url');

  it.each<[string, () => Promise<Record<string, unknown>>, string]>([
    ['an unknown sort', async () => ({ sort: 'salary' }), 'sort: must be one of: ended, latency, score, candidate'],
    ['an unknown order', async () => ({ order: 'sideways' }), 'order: must be asc or desc'],
    ['a page size over 100', async () => ({ limit: 101 }), 'limit: must be at most 100'],
    ['a page size of 0', async () => ({ limit: 0 }), 'limit: must be at least 1'],
    ['a range that ends before it starts', async () => ({ from: '2026-03-10', to: '2026-03-01' }), 'to: must be on or after the start date (from)'],
    ['an impossible date', async () => ({ from: '2026-02-30' }), 'from: must be a date like 2026-01-31'],
    ['a malformed team id', async () => ({ teamId: 'sales' }), 'teamId: must be a team id'],
    ['an unknown stage', async () => ({ stage: 'maybe' }), 'stage: must be one of: applied, screening, interview, offer, hired, rejected, withdrawn'],
    ['a followed-up value that is not yes, no or all', async () => ({ followedUp: 'maybe' }), 'followedUp: must be yes, no or all'],
    ['a malformed cursor', async () => ({ cursor: 'not-a-cursor' }), 'cursor: is not a valid page cursor; reload the list to start again'],
    ['a cursor with a forged value', async () => ({ cursor: tampered("2026-01-01'; drop table touches; --") }), 'cursor: is not a valid page cursor; reload the list to start again'],
    ['a cursor with an impossible date', async () => ({ cursor: tampered('2026-13-45T10:00:00.000000Z') }), 'cursor: is not a valid page cursor; reload the list to start again'],
    ['a cursor from another sort', async () => ({ cursor: await wrongSortCursor() }), 'cursor: belongs to another sort order; reload the list to start again'],
  ])('refuses %s with a clear message', async (_label, build, message) => {
    const result = await httpQuery(main.fx.ownerId, 'dashboard.list', { orgSlug: main.fx.slug, ...(await build()) });
    expect(result).toMatchObject({ status: 400, code: 'BAD_REQUEST', message });
  });

  it('refuses a bad range in the summary too', async () => {
    const result = await httpQuery(main.fx.ownerId, 'dashboard.summary', { orgSlug: main.fx.slug, from: '2026-03-10', to: '2026-03-01' });
    expect(result).toMatchObject({ status: 400, message: 'to: must be on or after the start date (from)' });
  });

  it('reads dates as calendar days where the agency works', async () => {
    const fx = await freshTenant('Zone');
    const jobId = await addJob(fx.orgId, fx.teamId, 'Analyst', 'Wayne');
    const candidateId = await addCandidate(fx.orgId, 'Nia Night');
    // 11:30 UTC on 1 March is 00:30 on 2 March in Auckland (UTC+13 in summer).
    await addInterview(fx.orgId, candidateId, jobId, new Date('2026-03-01T11:30:00Z'));
    const count = async (d: string) => (await callerFor(fx.ownerId).dashboard.summary({ orgSlug: fx.slug, from: d, to: d })).total;
    expect(await count('2026-03-01')).toBe(1);
    expect(await count('2026-03-02')).toBe(0);
    await withTenant(fx.orgId, (tx) => tx.update(organizations).set({ timeZone: 'Pacific/Auckland' }).where(sql`id = ${fx.orgId}`));
    expect(await count('2026-03-01')).toBe(0);
    expect(await count('2026-03-02')).toBe(1);
  });
});

describe('dashboard.inbox: replies owed', () => {
  let fx: TenantFixture;
  let recruiterY: string;
  let admin: string;
  const who: Record<string, string> = {};

  beforeAll(async () => {
    fx = await freshTenant('Inbox');
    const teamY = await addTeam(fx.orgId, 'Finance');
    recruiterY = await addPerson(fx.orgId, 'recruiter', [teamY]);
    admin = await addPerson(fx.orgId, 'admin');
    const person = async (name: string, opts: { teamId?: string | null; ownerId?: string | null; archived?: boolean } = {}) => {
      who[name] = await addCandidate(fx.orgId, name, { teamId: fx.teamId, ...opts });
      return who[name]!;
    };
    await touch(fx.orgId, await person('Kim'), 'question', ago(60), { body: 'Could you tell me more about\n the on-call rotation?' });
    await touch(fx.orgId, await person('Lee'), 'email_reply', ago(10), { channel: 'email', body: 'Thanks, that works for me.' });
    const mia = await person('Mia');
    await touch(fx.orgId, mia, 'question', ago(30));
    await touch(fx.orgId, mia, 'answer', ago(20), { direction: 'outbound' });
    const ned = await person('Ned');
    await touch(fx.orgId, ned, 'question', ago(50), { body: 'Old question' });
    await touch(fx.orgId, ned, 'answer', ago(40), { direction: 'outbound' });
    await touch(fx.orgId, ned, 'question', ago(5), { body: 'Follow-up: is remote work possible?' });
    const oli = await person('Oli');
    await touch(fx.orgId, oli, 'question', ago(20), { body: 'First question' });
    await touch(fx.orgId, oli, 'question', ago(10), { body: 'Second question' });
    await touch(fx.orgId, await person('Pat', { teamId: teamY }), 'question', ago(70), { body: 'x'.repeat(400) });
    await touch(fx.orgId, await person('Quinn', { teamId: null, ownerId: fx.recruiterId }), 'question', ago(3));
    await touch(fx.orgId, await person('Rex', { archived: true }), 'question', ago(80));
    await touch(fx.orgId, await person('Sam'), 'thank_you', ago(15));
  });

  const inbox = (userId: string, input: { limit?: number; cursor?: string | null } = {}) => callerFor(userId).dashboard.inbox({ orgSlug: fx.slug, ...input });

  it('lists who waits, longest wait first, with the touch that started the clock', async () => {
    const page = await inbox(admin);
    expect(page.items.map((i) => i.candidateName)).toEqual(['Pat', 'Kim', 'Oli', 'Lee', 'Ned', 'Quinn']);
    expect(page.totals).toEqual({ waiting: 6, overdue: 2 });
    expect(page.replyTargetHours).toBe(48);
    const by = Object.fromEntries(page.items.map((i) => [i.candidateName, i]));

    expect(by.Kim).toMatchObject({ overdue: true, overdueLabel: '12 h', ageLabel: '2 d', targetHours: 48, pendingCount: 1 });
    expect(by.Kim!.touch).toMatchObject({ kind: 'question', kindLabel: 'Question', channel: 'portal', excerpt: 'Could you tell me more about the on-call rotation?' });
    expect(by.Kim!.awaitingSince).toEqual(ago(60));
    expect(by.Kim!.dueAt).toEqual(ago(12));
    expect(by.Kim!.progress).toBeGreaterThan(1);

    expect(by.Lee).toMatchObject({ overdue: false, overdueLabel: null, ageLabel: '10 h' });
    expect(by.Lee!.touch).toMatchObject({ kind: 'email_reply', kindLabel: 'Email reply', channel: 'email' });
    expect(by.Lee!.progress).toBeCloseTo(10 / 48, 2);
    // Answered once, asked again: the clock runs from the new question.
    expect(by.Ned!.touch?.excerpt).toBe('Follow-up: is remote work possible?');
    expect(by.Ned!.awaitingSince).toEqual(ago(5));
    // Two unanswered questions: the older one is shown, and both are counted.
    expect(by.Oli).toMatchObject({ pendingCount: 2 });
    expect(by.Oli!.touch?.excerpt).toBe('First question');
    expect(by.Pat!.touch!.excerpt!.length).toBeLessThanOrEqual(240);
    expect(by.Pat!.touch!.excerpt!.endsWith('…')).toBe(true);
  });

  it('follows the candidate visibility rules: team, or the recruiter who owns them', async () => {
    expect((await inbox(fx.recruiterId)).items.map((i) => i.candidateName)).toEqual(['Kim', 'Oli', 'Lee', 'Ned', 'Quinn']);
    expect((await inbox(fx.recruiterId)).totals).toEqual({ waiting: 5, overdue: 1 });
    expect((await inbox(recruiterY)).items.map((i) => i.candidateName)).toEqual(['Pat']);
  });

  it('walks its pages by keyset, with totals on the first page only', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await inbox(admin, { limit: 4, cursor });
      expect(page.totals === null).toBe(pages > 0);
      seen.push(...page.items.map((i) => i.candidateName));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual(['Pat', 'Kim', 'Oli', 'Lee', 'Ned', 'Quinn']);
  });

  it('measures against the agency’s own reply target', async () => {
    await withTenant(fx.orgId, (tx) => tx.update(organizations).set({ replyTargetHours: 8 }).where(sql`id = ${fx.orgId}`));
    try {
      const page = await inbox(admin);
      expect(page.totals).toEqual({ waiting: 6, overdue: 4 });
      expect(page.items.find((i) => i.candidateName === 'Lee')).toMatchObject({ overdue: true, overdueLabel: '2 h', targetHours: 8 });
      expect(page.items.find((i) => i.candidateName === 'Ned')).toMatchObject({ overdue: false });
    } finally {
      await withTenant(fx.orgId, (tx) => tx.update(organizations).set({ replyTargetHours: 48 }).where(sql`id = ${fx.orgId}`));
    }
  });

  it('is empty when nobody waits', async () => {
    const quiet = await freshTenant('Quiet');
    expect(await callerFor(quiet.ownerId).dashboard.inbox({ orgSlug: quiet.slug })).toMatchObject({ items: [], nextCursor: null, totals: { waiting: 0, overdue: 0 } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a page size over 100', { limit: 500 }, 'limit: must be at most 100'],
    ['a malformed cursor', { cursor: '%%%' }, 'cursor: is not a valid page cursor; reload the list to start again'],
  ])('refuses %s', async (_label, input, message) => {
    expect(await httpQuery(admin, 'dashboard.inbox', { orgSlug: fx.slug, ...input })).toMatchObject({ status: 400, message });
  });
});

describe('CSV export', () => {
  const signIn = (userId: string | null) => (auth as unknown as Mock).mockResolvedValue(userId ? { user: { id: userId } } : null);
  const download = (slug: string, query = '') =>
    exportRoute(new Request(`http://localhost/api/orgs/${slug}/dashboard.csv${query ? `?${query}` : ''}`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } }), {
      params: Promise.resolve({ org: slug }),
    });
  const lines = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

  it('downloads the current view as UTF-8 CSV with a header row, same filters and order as the page', async () => {
    signIn(main.fx.ownerId);
    const response = await download(main.fx.slug, 'followedUp=yes&sort=latency');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="afterview-${main.fx.slug}-follow-ups-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(response.headers.get('x-export-truncated')).toBe('false');
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = lines(await response.text());
    expect(header).toBe(
      'Candidate,Candidate email,Job,Client,Team,Stage,Interview kind,Interview ended (UTC),Status,Followed up at (UTC),Time to follow up (hours),Strongest signal,Strongest touch,Score,Owner',
    );
    expect(rows.map((r) => r.split(',')[0])).toEqual(['Ann Archer', 'Dan Dunn']);
    expect(rows[0]).toContain(',Followed up,');
    expect(rows[0]).toContain(',3.0,medium,Thank-you note,40,Dash Recruiter');
  });

  it('exports only what the member can see', async () => {
    signIn(main.recruiterY);
    const csv = await (await download(main.fx.slug)).text();
    expect(lines(csv).slice(1).map((r) => r.split(',')[0])).toEqual(['Dan Dunn', 'Cat Cole', 'Jon Jones']);
  });

  it('neutralises formulas a candidate typed into their name', async () => {
    const fx = await freshTenant('Csv');
    const jobId = await addJob(fx.orgId, fx.teamId, '+Growth, "Lead"', '@Evil');
    const candidateId = await addCandidate(fx.orgId, '=HYPERLINK("http://evil.example","Click")');
    await addInterview(fx.orgId, candidateId, jobId, ago(30));
    signIn(fx.ownerId);
    const [, row] = lines(await (await download(fx.slug)).text());
    expect(row!.startsWith(`"'=HYPERLINK(""http://evil.example"",""Click"")",`)).toBe(true);
    expect(row).toContain(`,"'+Growth, ""Lead""",'@Evil,`);
  });

  it('stops at the row cap and says so', async () => {
    const input = ZExportDashboardCsvInput.parse({});
    const result = await withTenant(main.fx.orgId, (tx) =>
      exportDashboardCsv({ tx, actor: { userId: main.fx.ownerId, orgId: main.fx.orgId, role: 'owner' } }, input, { rowLimit: 4 }),
    );
    expect(result).toMatchObject({ rowCount: 4, truncated: true });
    expect(lines(result.csv)).toHaveLength(5);
  });

  it('records each export in the audit log', async () => {
    signIn(main.admin);
    await download(main.fx.slug, 'stage=offer');
    const rows = await withTenant(main.fx.orgId, (tx) =>
      queryRows<{ after: { rows: number; filters: { stage?: string } } }>(
        tx,
        sql`select after from audit_log where org_id = ${main.fx.orgId} and action = 'dashboard.export' and actor_user_id = ${main.admin}`,
      ),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).toMatchObject({ rows: 1, filters: { stage: 'offer' } });
  });

  it.each<[string, () => string | null, string, number, RegExp]>([
    ['anonymous callers', () => null, '', 401, /^Please sign in\./],
    ['non-members, like a missing agency', () => main.recruiterY, 'slug:other', 404, /does not exist or you are not a member/],
    ['a bad filter', () => main.fx.ownerId, 'sort=salary&limit=5', 400, /^sort: must be one of: ended, latency, score, candidate/],
    ['a backwards date range', () => main.fx.ownerId, 'from=2026-03-10&to=2026-03-01', 400, /^to: must be on or after the start date \(from\)/],
  ])('refuses %s', async (_label, user, query, status, message) => {
    signIn(user());
    const other = query.startsWith('slug:') ? (await createTenant('Other')).slug : main.fx.slug;
    const response = await download(other, query.startsWith('slug:') ? '' : query);
    expect(response.status).toBe(status);
    expect(await response.text()).toMatch(message);
  });
});
