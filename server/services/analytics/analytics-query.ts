import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { AppError } from '@/server/errors';
import { dashboardFilterShape } from '@/server/services/dashboard/dashboard-query';
import { candidateVisible, jobVisible, type Scope } from '@/server/services/records/visibility';
import { answeringKinds, awaitingKinds } from '@/server/services/touches/engagement-sql';
import { tierOf } from '@/server/services/touches/touch-kinds';
import type { ServiceContext } from '@/server/services/types';
import {
  BUCKET_BOUNDS,
  DEFAULT_WEEKS,
  FOLLOW_UP_BUCKETS,
  MAX_RANGE_DAYS,
  daysBetween,
  isoWeekLabel,
  shiftDay,
  weekStartOf,
  weeksBetween,
  type AnalyticsFilters,
  type FollowUpBucketKey,
} from './analytics-view';

/**
 * What the analytics page, its procedure and its CSV downloads share: the filters, the range and
 * one query per chart. Interviews are counted by when they ended, touches by when they happened,
 * both in weeks (Monday to Sunday) of the agency's time zone.
 */

// ---- input ----

export const analyticsFilterShape = {
  teamId: dashboardFilterShape.teamId,
  jobId: dashboardFilterShape.jobId,
  ownerId: dashboardFilterShape.ownerId,
  from: dashboardFilterShape.from,
  to: dashboardFilterShape.to,
};

/** A reversed range or one longer than a year is a mistake, not an empty chart: it is refused with words. */
export function withAnalyticsRange<S extends z.ZodType<{ from?: string; to?: string }>>(schema: S): S {
  return schema
    .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'must be on or after the start date (from)', path: ['to'] })
    .refine((f) => !f.from || !f.to || f.from > f.to || daysBetween(f.from, f.to) < MAX_RANGE_DAYS, {
      message: `must make a range of at most ${MAX_RANGE_DAYS} days (one year)`,
      path: ['to'],
    }) as unknown as S;
}

// ---- the agency and the range ----

export interface AnalyticsSettings {
  timeZone: string;
  followUpWindowDays: number;
  replyTargetHours: number;
  /** Today in the agency's time zone (YYYY-MM-DD). */
  today: string;
}

export interface AnalyticsRange {
  /** The days covered, both inclusive, in the agency's time zone. */
  from: string;
  to: string;
  /** False when the page shows its default, the last 12 weeks. */
  custom: boolean;
  /** The Monday of every week the range touches, oldest first. */
  weeks: string[];
}

export async function loadAnalyticsSettings({ tx, actor }: ServiceContext): Promise<AnalyticsSettings> {
  const [org] = await queryRows<{ time_zone: string; follow_up_window_days: number; reply_target_hours: number; today: string }>(
    tx,
    sql`select time_zone, follow_up_window_days, reply_target_hours, to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today
        from organizations where id = ${actor.orgId}`,
  );
  if (!org) throw new AppError('NOT_FOUND', 'This agency does not exist.');
  return { timeZone: org.time_zone, followUpWindowDays: org.follow_up_window_days, replyTargetHours: org.reply_target_hours, today: org.today };
}

/**
 * The days a request covers. Neither bound: the last 12 weeks, from the Monday eleven weeks
 * before this week's to today. Only an end: the 12 weeks that finish there. Only a start: up to
 * today, at most a year, and never before the start.
 */
export function resolveRange(filters: Pick<AnalyticsFilters, 'from' | 'to'>, today: string): AnalyticsRange {
  const custom = Boolean(filters.from || filters.to);
  const earliest = (a: string, b: string) => (a < b ? a : b);
  const to = filters.to ?? (filters.from ? (filters.from > today ? filters.from : earliest(today, shiftDay(filters.from, MAX_RANGE_DAYS - 1))) : today);
  const from = filters.from ?? shiftDay(weekStartOf(to), -7 * (DEFAULT_WEEKS - 1));
  return { from, to, custom, weeks: weeksBetween(from, to) };
}

export interface AnalyticsWeek {
  /** The week's Monday (YYYY-MM-DD). */
  week: string;
  /** Its ISO name, e.g. 2026-W06. */
  isoWeek: string;
  /** The range covers only some of its days (the first and last weeks of a custom range, the current week). */
  partial: boolean;
}

function weekOf(week: string, range: AnalyticsRange): AnalyticsWeek {
  return { week, isoWeek: isoWeekLabel(week), partial: week < range.from || shiftDay(week, 6) > range.to };
}

// ---- shared SQL ----

/** The Monday of the agency-time week a timestamp falls in, as YYYY-MM-DD. */
const weekKey = (at: SQL) => sql`to_char(date_trunc('week', ${at} at time zone o.time_zone), 'YYYY-MM-DD')`;
/** The range's bounds: midnight where the agency works, the day after `to` excluded. */
const lowerBound = (range: AnalyticsRange) => sql`(${range.from}::date)::timestamp at time zone o.time_zone`;
const upperBound = (range: AnalyticsRange) => sql`(${range.to}::date + 1)::timestamp at time zone o.time_zone`;

/**
 * Interviews as the dashboard selects them (server/services/dashboard/dashboard-query.ts): live
 * records only, visible through the job's team, filtered by the job's team, the job and the
 * candidate's owner; here also ended within the range, and not in the future.
 */
function fromEndedInterviews(orgId: string, scope: Scope, f: AnalyticsFilters, range: AnalyticsRange): SQL {
  const where: SQL[] = [
    sql`i.org_id = ${orgId}`,
    sql`i.archived_at is null and a.archived_at is null and j.archived_at is null and c.archived_at is null`,
    jobVisible('j', scope),
    sql`i.ends_at >= ${lowerBound(range)} and i.ends_at < ${upperBound(range)} and i.ends_at <= now()`,
  ];
  if (f.teamId) where.push(sql`j.team_id = ${f.teamId}`);
  if (f.jobId) where.push(sql`j.id = ${f.jobId}`);
  if (f.ownerId) where.push(sql`c.owner_user_id = ${f.ownerId}`);
  return sql`
    from interviews i
    join applications a on a.org_id = i.org_id and a.id = i.application_id
    join jobs j on j.org_id = a.org_id and j.id = a.job_id
    join candidates c on c.org_id = i.org_id and c.id = i.candidate_id
    join organizations o on o.id = i.org_id
    left join interview_engagement ie on ie.org_id = i.org_id and ie.interview_id = i.id
    where ${sql.join(where, sql` and `)}`;
}

/**
 * Touches as the inbox and the timeline see them: of live candidates visible to the actor (their
 * teams' candidates and those they own). A touch about an application counts for that job and its
 * team; one about no application for the candidate's team.
 */
function fromTouches(orgId: string, scope: Scope, f: AnalyticsFilters, range: AnalyticsRange, kinds: SQL): SQL {
  const where: SQL[] = [
    sql`t.org_id = ${orgId}`,
    sql`c.archived_at is null`,
    candidateVisible('c', scope),
    kinds,
    sql`t.occurred_at >= ${lowerBound(range)} and t.occurred_at < ${upperBound(range)}`,
  ];
  if (f.teamId) where.push(sql`coalesce(j.team_id, c.team_id) = ${f.teamId}`);
  if (f.jobId) where.push(sql`a.job_id = ${f.jobId}`);
  if (f.ownerId) where.push(sql`c.owner_user_id = ${f.ownerId}`);
  return sql`
    from touches t
    join candidates c on c.org_id = t.org_id and c.id = t.candidate_id
    join organizations o on o.id = t.org_id
    left join applications a on a.org_id = t.org_id and a.id = t.application_id
    left join jobs j on j.org_id = a.org_id and j.id = a.job_id
    where ${sql.join(where, sql` and `)}`;
}

export interface AnalyticsQuery {
  scope: Scope;
  filters: AnalyticsFilters;
  range: AnalyticsRange;
  settings: AnalyticsSettings;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

// ---- 1. follow-up rate by week ----

export interface FollowUpRateWeek extends AnalyticsWeek {
  /** Interviews that ended this week (and have ended by now). */
  interviews: number;
  /** Followed up within the follow-up window, as on the dashboard (✓ Followed up). */
  followedUp: number;
  /** Window closed without a follow-up (Silent). */
  silent: number;
  /** Window still open, no follow-up yet (Waiting): not counted in the rate until it closes. */
  waiting: number;
  /** followedUp / (followedUp + silent), from 0 to 1; null when no interview of the week is decided. */
  rate: number | null;
}

export interface FollowUpRate {
  weeks: FollowUpRateWeek[];
  totals: Omit<FollowUpRateWeek, keyof AnalyticsWeek>;
}

function rateFigures(interviews: number, followedUp: number, silent: number) {
  return { interviews, followedUp, silent, waiting: interviews - followedUp - silent, rate: share(followedUp, followedUp + silent) };
}

export async function queryFollowUpRate({ tx, actor }: ServiceContext, q: AnalyticsQuery): Promise<FollowUpRate> {
  const rows = await queryRows<{ week: string; interviews: number; followed_up: number; silent: number }>(
    tx,
    sql`
      select ${weekKey(sql`i.ends_at`)} as week,
        count(*)::int as interviews,
        count(*) filter (where ie.followed_up_at is not null)::int as followed_up,
        count(*) filter (where ie.followed_up_at is null and i.ends_at + make_interval(days => o.follow_up_window_days) < now())::int as silent
      ${fromEndedInterviews(actor.orgId, q.scope, q.filters, q.range)}
      group by 1`,
  );
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const weeks = q.range.weeks.map((week) => {
    const r = byWeek.get(week);
    return { ...weekOf(week, q.range), ...rateFigures(r?.interviews ?? 0, r?.followed_up ?? 0, r?.silent ?? 0) };
  });
  const sum = (key: 'interviews' | 'followed_up' | 'silent') => rows.reduce((n, r) => n + r[key], 0);
  return { weeks, totals: rateFigures(sum('interviews'), sum('followed_up'), sum('silent')) };
}

// ---- 2. time to follow up ----

export interface FollowUpBucket {
  key: FollowUpBucketKey;
  label: string;
  count: number;
  /** Of the followed-up interviews, from 0 to 1; null when there are none. */
  share: number | null;
}

export interface TimeToFollowUp {
  buckets: FollowUpBucket[];
  /** Interviews that ended in the range and were followed up. */
  total: number;
  medianSeconds: number | null;
}

export async function queryTimeToFollowUp({ tx, actor }: ServiceContext, q: AnalyticsQuery): Promise<TimeToFollowUp> {
  const bounds = sql`${`{${BUCKET_BOUNDS.join(',')}}`}::float8[]`;
  // width_bucket gives 0 below the first bound, 1 from it to the next, and so on: the bucket's index.
  const rows = await queryRows<{ whole: number; bucket: number | null; count: number; median: number | null }>(
    tx,
    sql`
      select grouping(s.bucket)::int as whole, s.bucket, count(*)::int as count,
        (percentile_cont(0.5) within group (order by s.gap))::float8 as median
      from (select extract(epoch from (ie.followed_up_at - i.ends_at))::float8 as gap,
              width_bucket(extract(epoch from (ie.followed_up_at - i.ends_at))::float8, ${bounds}) as bucket
            ${fromEndedInterviews(actor.orgId, q.scope, q.filters, q.range)} and ie.followed_up_at is not null) s
      group by grouping sets ((s.bucket), ())`,
  );
  const total = rows.find((r) => r.whole === 1);
  const count = total?.count ?? 0;
  const byBucket = new Map(rows.filter((r) => r.whole === 0).map((r) => [Number(r.bucket), r.count]));
  return {
    buckets: FOLLOW_UP_BUCKETS.map((b, index) => ({ key: b.key, label: b.label, count: byBucket.get(index) ?? 0, share: share(byBucket.get(index) ?? 0, count) })),
    total: count,
    medianSeconds: total?.median ?? null,
  };
}

// ---- 3. signal mix by strength ----

export interface SignalMixWeek extends AnalyticsWeek {
  strong: number;
  medium: number;
  weak: number;
  total: number;
}

export interface SignalMix {
  weeks: SignalMixWeek[];
  totals: Omit<SignalMixWeek, keyof AnalyticsWeek>;
}

export async function querySignalMix({ tx, actor }: ServiceContext, q: AnalyticsQuery): Promise<SignalMix> {
  // Counted per strength and put in tiers by the ledger's own rule (tierOf), so the chart and the
  // engagement figures can never disagree on what "strong" means.
  const rows = await queryRows<{ week: string; strength: number; count: number }>(
    tx,
    sql`
      select ${weekKey(sql`t.occurred_at`)} as week, t.strength::int as strength, count(*)::int as count
      ${fromTouches(actor.orgId, q.scope, q.filters, q.range, sql`t.direction = 'inbound' and t.strength >= 1`)}
      group by 1, 2`,
  );
  const empty = () => ({ strong: 0, medium: 0, weak: 0, total: 0 });
  const byWeek = new Map<string, ReturnType<typeof empty>>();
  const totals = empty();
  for (const r of rows) {
    const tier = tierOf(r.strength);
    if (tier === 'none') continue;
    const week = byWeek.get(r.week) ?? empty();
    week[tier] += r.count;
    week.total += r.count;
    totals[tier] += r.count;
    totals.total += r.count;
    byWeek.set(r.week, week);
  }
  return { weeks: q.range.weeks.map((week) => ({ ...weekOf(week, q.range), ...(byWeek.get(week) ?? empty()) })), totals };
}

// ---- 4. reply time against target ----

export interface ReplyTimeWeek extends AnalyticsWeek {
  /** Questions and email replies from candidates (inbound touches that wait for a reply) this week. */
  questions: number;
  /** Of those, answered since by an answer, email, call or message to the candidate. */
  answered: number;
  unanswered: number;
  /** Answered within the agency's reply target. */
  withinTarget: number;
  /** Median time from question to its first reply, over the answered ones; null when none. */
  medianSeconds: number | null;
}

export interface ReplyTime {
  weeks: ReplyTimeWeek[];
  totals: Omit<ReplyTimeWeek, keyof AnalyticsWeek>;
  targetHours: number;
}

interface ReplyRow extends Record<string, unknown> {
  whole: number;
  week: string | null;
  questions: number;
  answered: number;
  within_target: number;
  median: number | null;
}

function replyFigures(r: ReplyRow | undefined): Omit<ReplyTimeWeek, keyof AnalyticsWeek> {
  const questions = r?.questions ?? 0;
  const answered = r?.answered ?? 0;
  return { questions, answered, unanswered: questions - answered, withinTarget: r?.within_target ?? 0, medianSeconds: r?.median ?? null };
}

/**
 * The same measure as Agency → Responsiveness: a question's reply is the first outbound answering
 * touch to that candidate at or after it, whoever sent it and whatever it was about.
 */
export async function queryReplyTime({ tx, actor }: ServiceContext, q: AnalyticsQuery): Promise<ReplyTime> {
  const target = sql`make_interval(hours => ${q.settings.replyTargetHours}::int)`;
  const rows = await queryRows<ReplyRow>(
    tx,
    sql`
      with q as (
        select ${weekKey(sql`t.occurred_at`)} as week, t.occurred_at,
          (select min(r.occurred_at) from touches r
            where r.org_id = t.org_id and r.candidate_id = t.candidate_id and r.direction = 'outbound'
              and r.kind in ${answeringKinds} and r.occurred_at >= t.occurred_at) as replied_at
        ${fromTouches(actor.orgId, q.scope, q.filters, q.range, sql`t.direction = 'inbound' and t.kind in ${awaitingKinds}`)})
      select grouping(week)::int as whole, week,
        count(*)::int as questions,
        count(replied_at)::int as answered,
        count(*) filter (where replied_at <= occurred_at + ${target})::int as within_target,
        (percentile_cont(0.5) within group (order by extract(epoch from (replied_at - occurred_at))::float8))::float8 as median
      from q
      group by grouping sets ((week), ())`,
  );
  const byWeek = new Map(rows.filter((r) => r.whole === 0).map((r) => [r.week, r]));
  return {
    weeks: q.range.weeks.map((week) => ({ ...weekOf(week, q.range), ...replyFigures(byWeek.get(week)) })),
    totals: replyFigures(rows.find((r) => r.whole === 1)),
    targetHours: q.settings.replyTargetHours,
  };
}
