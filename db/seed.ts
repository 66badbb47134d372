import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { recordTouch } from '@/server/services/touches/record-touch';
import { getDb, queryRows, type Tx } from './client';
import {
  CANDIDATE_NAMES,
  CHECK_IN_EMAILS,
  EMAIL_DOMAINS,
  EMAIL_REPLIES,
  EMAIL_REPLY_ANSWERS,
  INBOUND_CALLS,
  INTERVIEWERS,
  LATE_THANK_YOU_NOTES,
  QUESTIONS,
  RECRUITER_NOTES,
  SOURCES,
  TAGS,
  THANK_YOU_NOTES,
} from './seed-data';
import {
  applications,
  candidates,
  interviews,
  jobs,
  memberships,
  organizations,
  teamMembers,
  teams,
  users,
  type Channel,
  type Direction,
  type Interviewer,
  type Role,
  type Stage,
  type TouchKind,
} from './schema';
import { withTenant } from './tenant';

/**
 * Candidates the demo story is built around (tests and docs can look for them):
 * one who followed up within a day, one whose question is overdue (older than the 48 h reply
 * target), one whose question is fresh, one whose question was answered, one who stayed silent.
 */
export const DEMO_STORY = {
  followedUp: 'Amara Okafor',
  answered: 'Lukas Becker',
  overdueQuestion: 'Priya Nair',
  freshQuestion: 'Grace Adeyemi',
  silent: 'Hannah Kowalski',
} as const;

export const DEMO = {
  org: { name: 'Northwind Talent', slug: 'northwind' },
  teams: ['Engineering', 'Sales & Marketing'],
  people: [
    { email: 'alex@northwind.example', name: 'Alex Morgan', role: 'owner', teams: ['Engineering'], lead: true },
    { email: 'sam@northwind.example', name: 'Sam Patel', role: 'admin', teams: ['Sales & Marketing'], lead: true },
    { email: 'riley@northwind.example', name: 'Riley Chen', role: 'recruiter', teams: ['Engineering'], lead: false },
    { email: 'jordan@northwind.example', name: 'Jordan Diaz', role: 'recruiter', teams: ['Sales & Marketing'], lead: false },
    { email: 'casey@northwind.example', name: 'Casey Brooks', role: 'viewer', teams: ['Engineering', 'Sales & Marketing'], lead: false },
  ] satisfies { email: string; name: string; role: Role; teams: string[]; lead: boolean }[],
  story: DEMO_STORY,
} as const;

export async function isDatabaseEmpty(): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(getDb(), sql`select count(*)::int as n from organizations`);
  return (row?.n ?? 0) === 0;
}

/**
 * The demo agency: two teams and a member of every role, ready to sign in as, with jobs,
 * candidates, interviews and a follow-up ledger that tells a story on the dashboard. Times are
 * relative to `now`; everything else is deterministic.
 */
export async function seedDemo(options: { now?: Date } = {}): Promise<{ orgId: string }> {
  const now = options.now ?? new Date();
  const db = getDb();
  const people = await db
    .insert(users)
    .values(DEMO.people.map((p) => ({ email: p.email, name: p.name, emailVerified: new Date() })))
    .onConflictDoUpdate({ target: users.email, set: { name: sql`excluded.name` } })
    .returning({ id: users.id, email: users.email });
  const idOf = new Map(people.map((p) => [p.email, p.id]));
  const orgId = crypto.randomUUID();
  await withTenant(orgId, async (tx) => {
    await tx.insert(organizations).values({ id: orgId, ...DEMO.org });
    await tx.insert(memberships).values(DEMO.people.map((p) => ({ orgId, userId: idOf.get(p.email)!, role: p.role })));
    const created = await tx
      .insert(teams)
      .values(DEMO.teams.map((name) => ({ orgId, name })))
      .returning({ id: teams.id, name: teams.name });
    const teamId = new Map(created.map((t) => [t.name, t.id]));
    await tx.insert(teamMembers).values(
      DEMO.people.flatMap((p) => p.teams.map((t) => ({ orgId, teamId: teamId.get(t)!, userId: idOf.get(p.email)!, isLead: p.lead }))),
    );
    // One transaction with the agency itself: a half-seeded demo would never be seeded again.
    await seedStory(tx, orgId, now, { teamId, userId: idOf });
  });
  return { orgId };
}

// ---------------------------------------------------------------------------------------------
// The story: who followed up, who asked and waits, who was answered, who stayed silent.

type TeamName = (typeof DEMO.teams)[number];
type InterviewKind = 'phone' | 'video' | 'onsite';

/**
 * prompt: followed up within a day or two (thank-you, email reply answered, or a call).
 * answered: asked a question that a recruiter has answered. overdue: a question waiting longer than
 * the 48 h reply target. fresh: a question asked in the last day and a half. late: thanked after
 * four to six days. weak: only opened, visited or clicked. silent: nothing inbound, window closed.
 */
type Plot = 'prompt' | 'answered' | 'overdue' | 'fresh' | 'late' | 'weak' | 'silent';

interface Part {
  plot: Plot;
  stage: Stage;
  /** A further round booked in the coming days. */
  upcoming?: boolean;
}

interface DemoJob {
  team: TeamName;
  title: string;
  clientCompany: string;
  status: 'open' | 'on_hold' | 'closed';
  /** Days ago the (last past) interview of each candidate may have ended, when the plot allows. */
  endedDaysAgo?: [number, number];
  cast: [Part, Part, Part, Part, Part];
}

const r = (plot: Plot, stage: Stage = 'interview', upcoming = false): Part => ({ plot, stage, upcoming });

// Five candidates per job, in the order of CANDIDATE_NAMES. DEMO_STORY names land on these roles.
export const DEMO_JOBS: DemoJob[] = [
  { team: 'Engineering', title: 'Senior Backend Engineer', clientCompany: 'Acme Robotics', status: 'open',
    cast: [r('prompt', 'offer'), r('answered', 'interview', true), r('overdue'), r('weak'), r('silent')] },
  { team: 'Engineering', title: 'Staff Data Engineer', clientCompany: 'Globex', status: 'open',
    cast: [r('prompt', 'offer'), r('prompt'), r('fresh'), r('weak', 'screening'), r('silent')] },
  { team: 'Engineering', title: 'Engineering Manager', clientCompany: 'Initech', status: 'on_hold', endedDaysAgo: [8, 18],
    cast: [r('late'), r('weak'), r('silent'), r('silent', 'rejected'), r('prompt')] },
  { team: 'Engineering', title: 'Frontend Engineer', clientCompany: 'Umbrella Health', status: 'open',
    cast: [r('prompt'), r('answered'), r('overdue'), r('fresh'), r('weak')] },
  { team: 'Sales & Marketing', title: 'Account Executive', clientCompany: 'Hooli', status: 'open',
    cast: [r('prompt', 'offer'), r('answered'), r('overdue'), r('weak'), r('silent')] },
  { team: 'Sales & Marketing', title: 'Head of Growth', clientCompany: 'Stark Logistics', status: 'open',
    cast: [r('prompt', 'interview', true), r('answered'), r('fresh'), r('weak'), r('silent')] },
  { team: 'Sales & Marketing', title: 'SDR Team Lead', clientCompany: 'Wayne Fintech', status: 'open',
    cast: [r('prompt', 'interview', true), r('prompt'), r('overdue'), r('late'), r('weak', 'screening')] },
  { team: 'Sales & Marketing', title: 'Product Marketing Manager', clientCompany: 'Soylent Foods', status: 'closed', endedDaysAgo: [12, 19],
    cast: [r('prompt', 'hired'), r('answered', 'rejected'), r('silent', 'rejected'), r('silent', 'rejected'), r('weak', 'rejected')] },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: a tiny seeded PRNG, so the demo is the same on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function asciiSlug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '.');
}

/** The latest quarter hour at or before `at` inside 09:00–17:00 UTC: interviews end in office hours. */
function officeHoursBefore(at: number): Date {
  const d = new Date(Math.floor(at / (15 * 60_000)) * 15 * 60_000);
  if (d.getUTCHours() >= 17) d.setUTCHours(16, 45, 0, 0);
  else if (d.getUTCHours() < 9) {
    d.setUTCDate(d.getUTCDate() - 1);
    d.setUTCHours(16, 45, 0, 0);
  }
  return d;
}

/** The first half hour at or after `at` inside 09:00–16:00 UTC, for interviews still to come. */
function officeHoursAfter(at: number): Date {
  const d = new Date(Math.ceil(at / (30 * 60_000)) * 30 * 60_000);
  if (d.getUTCHours() >= 16) {
    d.setUTCDate(d.getUTCDate() + 1);
    d.setUTCHours(10, 0, 0, 0);
  } else if (d.getUTCHours() < 9) d.setUTCHours(10, 0, 0, 0);
  return d;
}

/** `at` if it falls in 08:00–19:00 UTC, else the next 09:xx; unchanged if that is after `latest`. */
function workingTime(at: number, latest: number): number {
  const d = new Date(at);
  const hour = d.getUTCHours();
  if (hour >= 8 && hour < 19) return at;
  if (hour >= 19) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(9, d.getUTCMinutes(), d.getUTCSeconds(), 0);
  return d.getTime() <= latest ? d.getTime() : at;
}

const DURATION_MIN: Record<InterviewKind, number> = { phone: 30, video: 60, onsite: 180 };

interface PlannedInterview {
  id: string;
  kind: InterviewKind;
  startsAt: Date;
  endsAt: Date;
  interviewers: Interviewer[];
}

interface PlannedTouch {
  kind: TouchKind;
  direction: Direction;
  channel: Channel;
  at: number;
  body?: string;
  /** Index into the candidate's interviews. */
  interview: number;
  /** The question an answer answers: the portal shows it as answered. */
  replyTo?: PlannedTouch;
}

async function seedStory(
  tx: Tx,
  orgId: string,
  now: Date,
  ids: { teamId: Map<string, string>; userId: Map<string, string> },
): Promise<void> {
  const rand = mulberry32(0x4e0d_1a7e);
  const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const nowMs = now.getTime();
  const latest = nowMs - 60_000;
  const userOf = (email: string) => ids.userId.get(email)!;
  const owners: Record<TeamName, { usual: string; lead: string }> = {
    Engineering: { usual: userOf('riley@northwind.example'), lead: userOf('alex@northwind.example') },
    'Sales & Marketing': { usual: userOf('jordan@northwind.example'), lead: userOf('sam@northwind.example') },
  };

  const jobRows = DEMO_JOBS.map((job) => ({
    orgId,
    id: crypto.randomUUID(),
    teamId: ids.teamId.get(job.team)!,
    clientCompany: job.clientCompany,
    title: job.title,
    status: job.status,
    createdAt: new Date(nowMs - between(42, 55) * DAY),
    updatedAt: new Date(nowMs - between(1, 10) * DAY),
  }));

  const candidateRows: (typeof candidates.$inferInsert)[] = [];
  const applicationRows: (typeof applications.$inferInsert)[] = [];
  const interviewRows: (typeof interviews.$inferInsert)[] = [];
  const ledger: { candidateId: string; owner: string; touches: PlannedTouch[]; interviewIds: string[] }[] = [];
  // Taken in turn rather than at random, so the story's named candidates keep their roles:
  // prompt follow-ups are thank-you notes, an email reply, then a call; answers come by portal,
  // email and phone.
  let promptTurn = 0;
  let answerTurn = 0;

  DEMO_JOBS.forEach((job, j) => {
    const questions: readonly { q: string; a: string }[] = QUESTIONS[job.team];
    job.cast.forEach((role, k) => {
      const i = j * 5 + k;
      const name = CANDIDATE_NAMES[i]!;
      const first = name.split(' ')[0]!;
      const candidateId = crypto.randomUUID();
      const applicationId = crypto.randomUUID();
      const owner = i % 4 === 3 ? owners[job.team].lead : owners[job.team].usual;

      // When the last past interview ended, and when the plot's key touch happens.
      const [lo, hi] = job.endedDaysAgo ?? [0, 0];
      const endedAgo = (min: number, max: number) => (job.endedDaysAgo ? between(lo, hi) * DAY : between(min, max));
      let keyAt = 0;
      let endMs: number;
      switch (role.plot) {
        case 'prompt':
          endMs = nowMs - endedAgo(3 * DAY, 17 * DAY);
          break;
        case 'answered':
          endMs = nowMs - endedAgo(4 * DAY, 14 * DAY);
          break;
        case 'overdue':
          keyAt = nowMs - between(54, 110) * HOUR;
          endMs = keyAt - between(8, 40) * HOUR;
          break;
        case 'fresh':
          keyAt = nowMs - between(3, 30) * HOUR;
          endMs = keyAt - between(6, 30) * HOUR;
          break;
        case 'late':
          endMs = nowMs - endedAgo(8 * DAY, 16 * DAY);
          break;
        case 'weak':
          endMs = nowMs - endedAgo(3 * DAY, 16 * DAY);
          break;
        case 'silent':
          endMs = nowMs - endedAgo(8 * DAY, 21 * DAY);
          break;
      }

      // Interviews: a phone screen first for some, then the round the touches are about.
      const planned: PlannedInterview[] = [];
      const panel = (n: number): Interviewer[] => {
        const start = Math.floor(rand() * INTERVIEWERS.length);
        return Array.from({ length: n }, (_, x) => ({ ...INTERVIEWERS[(start + x * 3) % INTERVIEWERS.length]! }));
      };
      const plan = (kind: InterviewKind, end: Date) => {
        planned.push({ id: crypto.randomUUID(), kind, startsAt: new Date(end.getTime() - DURATION_MIN[kind] * 60_000), endsAt: end, interviewers: panel(kind === 'onsite' ? 2 + Math.floor(rand() * 2) : kind === 'video' ? 1 + Math.floor(rand() * 2) : 1) });
      };
      const mainEnd = officeHoursBefore(endMs);
      const mainKind: InterviewKind = role.stage === 'screening' ? 'phone' : pick(['video', 'video', 'onsite', 'onsite', 'phone'] as const);
      const twoRounds =
        mainKind !== 'phone' && nowMs - mainEnd.getTime() < 14 * DAY && (role.stage === 'offer' || role.stage === 'hired' || rand() < 0.3);
      if (twoRounds) plan('phone', officeHoursBefore(mainEnd.getTime() - between(3, 6) * DAY));
      plan(mainKind, mainEnd);
      const main = planned.length - 1;
      if (role.upcoming) plan(pick(['onsite', 'video'] as const), officeHoursAfter(nowMs + between(20, 80) * HOUR));
      const end = mainEnd.getTime();
      const interviewer = (planned[main]!.interviewers[0]?.name ?? 'the panel').split(' ')[0]!;
      const fill = (text: string) => text.replace('{interviewer}', interviewer).replace('{company}', job.clientCompany).replace('{first}', first);

      // The ledger for this candidate.
      const t: PlannedTouch[] = [];
      // Recruiters write in working hours (08:00–19:00 UTC): an outbound touch planned at night
      // moves to the next morning, unless that is still to come. Returns the time used.
      const add = (kind: TouchKind, direction: Direction, channel: Channel, at: number, body?: string, interview = main, replyTo?: PlannedTouch) => {
        if (direction === 'outbound') at = workingTime(at, latest);
        at = Math.min(at, latest);
        t.push({ kind, direction, channel, at, body, interview, replyTo });
        return at;
      };
      const linkSent = () => add('portal_link_sent', 'outbound', 'email', end + between(0.3, 1) * HOUR);
      const answer = (at: number, text: string, question?: PlannedTouch) => {
        const how = answerTurn++ % 3;
        if (how === 0) return add('answer', 'outbound', 'portal', at, text, main, question);
        if (how === 1) return add('email_sent', 'outbound', 'email', at, text);
        return add('call', 'outbound', 'phone', at, `Called ${first} to talk it through. ${text}`);
      };

      if (twoRounds && (role.plot === 'prompt' || role.plot === 'answered' || role.plot === 'late') && rand() < 0.7) {
        // They thanked after the screen too.
        const screenEnd = planned[0]!.endsAt.getTime();
        add('thank_you', 'inbound', 'portal', screenEnd + between(2, 20) * HOUR, fill(pick(THANK_YOU_NOTES)), 0);
      }

      switch (role.plot) {
        case 'prompt': {
          const v = promptTurn++ % 4;
          if (v < 2) {
            linkSent();
            const at = end + between(2, 22) * HOUR;
            add('portal_visit', 'inbound', 'portal', at - between(0.1, 0.4) * HOUR);
            add('thank_you', 'inbound', 'portal', at, fill(pick(THANK_YOU_NOTES)));
          } else if (v === 2) {
            add('email_sent', 'outbound', 'email', end + between(0.5, 2) * HOUR, fill(CHECK_IN_EMAILS[0]));
            const at = end + between(3, 30) * HOUR;
            add('email_open', 'inbound', 'email', at - between(0.2, 1) * HOUR);
            add('email_reply', 'inbound', 'email', at, pick(EMAIL_REPLIES));
            add('email_sent', 'outbound', 'email', at + between(1, 18) * HOUR, pick(EMAIL_REPLY_ANSWERS));
          } else {
            add('call', 'inbound', 'phone', end + between(3, 24) * HOUR, pick(INBOUND_CALLS));
          }
          if (role.stage !== 'interview') add('note', 'outbound', 'manual', end + between(26, 40) * HOUR, pick(RECRUITER_NOTES.strong));
          break;
        }
        case 'answered': {
          linkSent();
          const qa = pick(questions);
          const asked = end + between(2, 26) * HOUR;
          add('portal_visit', 'inbound', 'portal', asked - between(0.1, 0.3) * HOUR);
          add('question', 'inbound', 'portal', asked, qa.q);
          const answered = answer(asked + between(3, 26) * HOUR, qa.a, t.at(-1));
          if (rand() < 0.5) add('thank_you', 'inbound', 'portal', answered + between(1, 12) * HOUR, 'Thanks, that really helps. Looking forward to the next step.');
          break;
        }
        case 'overdue':
        case 'fresh': {
          if (i % 2 === 0) {
            linkSent();
            add('portal_visit', 'inbound', 'portal', keyAt - between(0.1, 0.3) * HOUR);
            add('question', 'inbound', 'portal', keyAt, pick(questions).q);
          } else {
            add('email_sent', 'outbound', 'email', end + between(0.5, 2) * HOUR, fill(pick(CHECK_IN_EMAILS)));
            add('email_open', 'inbound', 'email', keyAt - between(0.2, 2) * HOUR);
            add('email_reply', 'inbound', 'email', keyAt, pick(EMAIL_REPLIES));
          }
          // One overdue candidate, still waiting, asked again a day later.
          if (role.plot === 'overdue' && j === 0) add('question', 'inbound', 'portal', keyAt + between(20, 28) * HOUR, 'Sorry to chase. Is there any update on my question above?');
          break;
        }
        case 'late': {
          linkSent();
          add('email_open', 'inbound', 'email', end + between(20, 40) * HOUR);
          add('thank_you', 'inbound', 'portal', end + between(4, 6) * DAY, pick(LATE_THANK_YOU_NOTES));
          break;
        }
        case 'weak': {
          linkSent();
          const opened = end + between(2, 30) * HOUR;
          add('email_open', 'inbound', 'email', opened);
          if (rand() < 0.6) add('portal_visit', 'inbound', 'portal', opened + between(0.1, 20) * HOUR);
          if (rand() < 0.4) add('email_click', 'inbound', 'email', opened + between(0.05, 0.5) * HOUR);
          if (i % 3 === 0) add('note', 'outbound', 'manual', end + between(3, 4) * DAY, pick(RECRUITER_NOTES.weak));
          break;
        }
        case 'silent': {
          if (rand() < 0.7) linkSent();
          if (rand() < 0.5) add('email_sent', 'outbound', 'email', end + between(3, 5) * DAY, fill(pick(CHECK_IN_EMAILS)));
          if (i % 2 === 0) add('note', 'outbound', 'manual', end + between(5, 7) * DAY, pick(RECRUITER_NOTES.silent));
          break;
        }
      }
      t.sort((a, b) => a.at - b.at);

      const firstStart = planned[0]!.startsAt.getTime();
      const createdAt = new Date(firstStart - between(4, 12) * DAY);
      const source = SOURCES[(i * 7 + 3) % SOURCES.length]!;
      const tags = new Set<string>([TAGS[i % TAGS.length]!]);
      if (rand() < 0.5) tags.add(pick(TAGS));
      if (source === 'Referral') tags.add('referral');
      if (job.title.startsWith('Senior') || job.title.startsWith('Staff') || job.title.startsWith('Head')) tags.add('senior');
      candidateRows.push({
        orgId,
        id: candidateId,
        name,
        email: `${asciiSlug(name)}@${EMAIL_DOMAINS[i % EMAIL_DOMAINS.length]}`,
        phone: i % 9 === 8 ? null : `+44 20 7946 0${String(100 + i * 17).padStart(3, '0')}`,
        ownerUserId: owner,
        teamId: ids.teamId.get(job.team)!,
        tags: [...tags],
        source,
        createdAt,
        updatedAt: createdAt,
      });
      applicationRows.push({ orgId, id: applicationId, candidateId, jobId: jobRows[j]!.id, stage: role.stage, createdAt, updatedAt: new Date(Math.min(end + DAY, latest)) });
      for (const p of planned) {
        interviewRows.push({ orgId, id: p.id, applicationId, candidateId, startsAt: p.startsAt, endsAt: p.endsAt, kind: p.kind, interviewers: p.interviewers, createdAt, updatedAt: createdAt });
      }
      ledger.push({ candidateId, owner, touches: t, interviewIds: planned.map((p) => p.id) });
    });
  });

  await tx.insert(jobs).values(jobRows);
  await tx.insert(candidates).values(candidateRows);
  await tx.insert(applications).values(applicationRows);
  await tx.insert(interviews).values(interviewRows);

  // Touches go through the ledger service one by one, so engagement is derived exactly as in the app.
  const recorded = new Map<PlannedTouch, string>();
  for (const [c, entry] of ledger.entries()) {
    for (const [n, touch] of entry.touches.entries()) {
      const { touch: row } = await recordTouch(
        { tx, orgId },
        {
          candidateId: entry.candidateId,
          interviewId: entry.interviewIds[touch.interview],
          kind: touch.kind,
          direction: touch.direction,
          channel: touch.channel,
          occurredAt: new Date(touch.at),
          body: touch.body,
          dedupeKey: `seed:${c}:${n}`,
          actorUserId: touch.direction === 'outbound' ? entry.owner : null,
          inReplyTo: touch.replyTo ? recorded.get(touch.replyTo) : undefined,
        },
      );
      recorded.set(touch, row.id);
    }
  }
}

async function main() {
  const { runMigrations } = await import('./migrate');
  const { closeDatabase } = await import('./client');
  await runMigrations();
  if (await isDatabaseEmpty()) {
    await seedDemo();
    console.log(`Seeded the demo agency "${DEMO.org.name}" (/${DEMO.org.slug}).`);
  } else {
    console.log('The database already has agencies; the demo agency was not added.');
  }
  await closeDatabase();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Run as a command: the .env* files first, as for every entry point (never when imported).
  import('@/server/cli/load-env')
    .then(main)
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
