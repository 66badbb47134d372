import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { AppError } from '@/server/errors';
import { answeringKinds, awaitingKinds } from '@/server/services/touches/engagement-sql';
import type { ServiceContext } from '@/server/services/types';
import { ZCalendarDay } from '@/server/services/records/storable-dates';

/** Without dates, the page covers the last 90 days (today included) in the agency's time zone. */
export const DEFAULT_RANGE_DAYS = 90;
/** The longest range one request may cover. */
export const MAX_RANGE_DAYS = 366;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

export const responsivenessRangeShape = {
  from: ZCalendarDay.optional(),
  to: ZCalendarDay.optional(),
};

export const ZGetResponsivenessInput = z
  .object(responsivenessRangeShape)
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'must be on or after the start date (from)', path: ['to'] })
  .refine((r) => !r.from || !r.to || dayNumber(r.to) - dayNumber(r.from) < MAX_RANGE_DAYS, {
    message: `must be at most ${MAX_RANGE_DAYS} days after the start date (from)`,
    path: ['to'],
  });
export type GetResponsivenessInput = z.output<typeof ZGetResponsivenessInput>;

export interface ResponsivenessFigures {
  /** Inbound touches that wait for a reply (questions, email replies) asked in the range. */
  questions: number;
  /** Of those, how many have had a reply (an answer, email, call or message to the candidate) since. */
  answered: number;
  unanswered: number;
  /** Answered within the agency's reply target. */
  withinTarget: number;
  /**
   * Questions whose outcome against the target is known: answered, or unanswered for longer than
   * the target. An unanswered question still inside its target is neither a hit nor a miss yet.
   */
  decided: number;
  /** withinTarget / decided, from 0 to 1; null when nothing is decided. */
  withinTargetShare: number | null;
  /** Median time from question to first reply, over the answered questions; null when none. */
  medianReplySeconds: number | null;
  /** Candidates waiting on a reply right now (not archived), whenever they asked. */
  owedNow: number;
}

export interface RecruiterResponsiveness extends ResponsivenessFigures {
  /** The candidates' owner; null for candidates without one. */
  userId: string | null;
  name: string | null;
  email: string | null;
}

export interface TeamResponsiveness extends ResponsivenessFigures {
  /** The candidates' team; null for candidates without one. */
  teamId: string | null;
  name: string | null;
  archived: boolean;
}

export interface Responsiveness {
  /** The days covered, both inclusive, in the agency's time zone. */
  range: { from: string; to: string };
  replyTargetHours: number;
  timeZone: string;
  agency: ResponsivenessFigures;
  byRecruiter: RecruiterResponsiveness[];
  byTeam: TeamResponsiveness[];
}

interface StatsRow extends Record<string, unknown> {
  by_owner: number;
  by_team: number;
  owner_user_id: string | null;
  team_id: string | null;
  questions: number;
  answered: number;
  within_target: number;
  decided: number;
  median_seconds: number | null;
}

interface OwedRow extends Record<string, unknown> {
  by_owner: number;
  by_team: number;
  owner_user_id: string | null;
  team_id: string | null;
  owed: number;
}

const EMPTY: ResponsivenessFigures = {
  questions: 0,
  answered: 0,
  unanswered: 0,
  withinTarget: 0,
  decided: 0,
  withinTargetShare: null,
  medianReplySeconds: null,
  owedNow: 0,
};

function figures(stats: StatsRow | undefined, owed: OwedRow | undefined): ResponsivenessFigures {
  if (!stats && !owed) return { ...EMPTY };
  const questions = stats?.questions ?? 0;
  const answered = stats?.answered ?? 0;
  const decided = stats?.decided ?? 0;
  const withinTarget = stats?.within_target ?? 0;
  return {
    questions,
    answered,
    unanswered: questions - answered,
    withinTarget,
    decided,
    withinTargetShare: decided > 0 ? withinTarget / decided : null,
    medianReplySeconds: stats?.median_seconds === null || stats?.median_seconds === undefined ? null : Number(stats.median_seconds),
    owedNow: owed?.owed ?? 0,
  };
}

const byName = (a: { name: string | null; email?: string | null }, b: { name: string | null; email?: string | null }) =>
  (a.name ?? a.email ?? '\uffff').localeCompare(b.name ?? b.email ?? '\uffff', 'en', { sensitivity: 'base' });

/**
 * How fast the agency answers its candidates, per recruiter (the candidate's owner), per team (the
 * candidate's team) and for the whole agency. A question is an inbound touch that waits for a
 * reply, counted by when it was asked; its reply is the candidate's first outbound answering touch
 * at or after it. Replies owed now come from the engagement figures, whatever the range.
 */
export async function getResponsiveness(ctx: ServiceContext, input: GetResponsivenessInput): Promise<Responsiveness> {
  const { tx, actor } = ctx;
  const [org] = await queryRows<{ reply_target_hours: number; time_zone: string; today: string }>(
    tx,
    sql`select reply_target_hours, time_zone, to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today
        from organizations where id = ${actor.orgId}`,
  );
  if (!org) throw new AppError('NOT_FOUND', 'This agency does not exist.');

  const shift = (day: string, days: number) => new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10);
  const earliest = (a: string, b: string) => (a < b ? a : b);
  // Only a start: up to today (within the longest range, and never before the start). Only an end:
  // the 90 days that finish there. Neither: the last 90 days.
  const to = input.to ?? (input.from ? (input.from > org.today ? input.from : earliest(org.today, shift(input.from, MAX_RANGE_DAYS - 1))) : org.today);
  const from = input.from ?? shift(to, -(DEFAULT_RANGE_DAYS - 1));

  const target = sql`make_interval(hours => ${org.reply_target_hours}::int)`;
  const stats = await queryRows<StatsRow>(
    tx,
    sql`
      with bounds as (
        select (${from}::date)::timestamp at time zone o.time_zone as lo, (${to}::date + 1)::timestamp at time zone o.time_zone as hi
        from organizations o where o.id = ${actor.orgId}),
      q as (
        select c.owner_user_id, c.team_id, t.occurred_at,
          (select min(r.occurred_at) from touches r
            where r.org_id = t.org_id and r.candidate_id = t.candidate_id and r.direction = 'outbound'
              and r.kind in ${answeringKinds} and r.occurred_at >= t.occurred_at) as replied_at
        from touches t
        join candidates c on c.org_id = t.org_id and c.id = t.candidate_id
        cross join bounds b
        where t.org_id = ${actor.orgId} and t.direction = 'inbound' and t.kind in ${awaitingKinds}
          and t.occurred_at >= b.lo and t.occurred_at < b.hi)
      select grouping(owner_user_id)::int as by_owner, grouping(team_id)::int as by_team, owner_user_id, team_id,
        count(*)::int as questions,
        count(replied_at)::int as answered,
        count(*) filter (where replied_at <= occurred_at + ${target})::int as within_target,
        count(*) filter (where replied_at is not null or occurred_at + ${target} < now())::int as decided,
        (percentile_cont(0.5) within group (order by extract(epoch from (replied_at - occurred_at))::float8))::float8 as median_seconds
      from q
      group by grouping sets ((owner_user_id), (team_id), ())`,
  );

  const owed = await queryRows<OwedRow>(
    tx,
    sql`
      select grouping(c.owner_user_id)::int as by_owner, grouping(c.team_id)::int as by_team, c.owner_user_id, c.team_id, count(*)::int as owed
      from candidate_engagement ce
      join candidates c on c.org_id = ce.org_id and c.id = ce.candidate_id
      where ce.org_id = ${actor.orgId} and ce.awaiting_reply_since is not null and c.archived_at is null
      group by grouping sets ((c.owner_user_id), (c.team_id), ())`,
  );

  // Every member who may own candidates is listed, with zeros when they have nothing in the range;
  // so is every active team. Owners and teams that only appear in the figures are added.
  const people = await queryRows<{ user_id: string; name: string | null; email: string | null }>(
    tx,
    sql`select m.user_id, u.name, u.email from memberships m left join users u on u.id = m.user_id
        where m.org_id = ${actor.orgId}`,
  );
  const recruiterRoles = await queryRows<{ user_id: string }>(
    tx,
    sql`select user_id from memberships where org_id = ${actor.orgId} and role in ('owner', 'admin', 'recruiter')`,
  );
  const teamRows = await queryRows<{ id: string; name: string; archived: boolean }>(
    tx,
    sql`select id, name, archived_at is not null as archived from teams where org_id = ${actor.orgId}`,
  );

  const ownerStats = new Map(stats.filter((r) => r.by_owner === 0).map((r) => [r.owner_user_id, r]));
  const teamStats = new Map(stats.filter((r) => r.by_team === 0).map((r) => [r.team_id, r]));
  const ownerOwed = new Map(owed.filter((r) => r.by_owner === 0).map((r) => [r.owner_user_id, r]));
  const teamOwed = new Map(owed.filter((r) => r.by_team === 0).map((r) => [r.team_id, r]));
  const total = stats.find((r) => r.by_owner === 1 && r.by_team === 1);
  const totalOwed = owed.find((r) => r.by_owner === 1 && r.by_team === 1);

  const personById = new Map(people.map((p) => [p.user_id, p]));
  const ownerIds = new Set<string | null>([...recruiterRoles.map((r) => r.user_id), ...ownerStats.keys(), ...ownerOwed.keys()]);
  const byRecruiter: RecruiterResponsiveness[] = [...ownerIds]
    .map((userId) => {
      const person = userId ? personById.get(userId) : undefined;
      return { userId, name: person?.name ?? null, email: person?.email ?? null, ...figures(ownerStats.get(userId), ownerOwed.get(userId)) };
    })
    .sort((a, b) => (a.userId === null ? 1 : b.userId === null ? -1 : byName(a, b)));

  const teamById = new Map(teamRows.map((t) => [t.id, t]));
  const teamIds = new Set<string | null>([...teamRows.filter((t) => !t.archived).map((t) => t.id), ...teamStats.keys(), ...teamOwed.keys()]);
  const byTeam: TeamResponsiveness[] = [...teamIds]
    .map((teamId) => {
      const team = teamId ? teamById.get(teamId) : undefined;
      return { teamId, name: team?.name ?? null, archived: team?.archived ?? false, ...figures(teamStats.get(teamId), teamOwed.get(teamId)) };
    })
    .sort((a, b) => (a.teamId === null ? 1 : b.teamId === null ? -1 : byName(a, b)));

  return {
    range: { from, to },
    replyTargetHours: org.reply_target_hours,
    timeZone: org.time_zone,
    agency: figures(total, totalOwed),
    byRecruiter,
    byTeam,
  };
}
