import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { INTERVIEW_KINDS, STAGES, type Stage, type TouchKind } from '@/db/schema';
import { jobVisible, type Scope } from '@/server/services/records/visibility';
import { tierOf, TOUCH_RULES, type StrengthTier } from '@/server/services/touches/touch-kinds';
import type { ServiceContext } from '@/server/services/types';
import { formatDuration } from './format';
import {
  DASHBOARD_SORTS,
  DEFAULT_ORDER,
  FOLLOWED_UP_CHOICES,
  SORT_ORDERS,
  type DashboardFilters,
  type DashboardSort,
  type DashboardView,
  type SortOrder,
} from './dashboard-view';
import { encodeCursor, keysetAfter, keysetOrderBy, timestampText, type KeysetPosition, type SortKey } from './keyset';
import { ZCalendarDay } from '@/server/services/records/storable-dates';

/**
 * What the dashboard, its summary and its CSV export share: the filters, the sorts, and the one
 * query that turns interviews into follow-up rows, so the three can never disagree.
 */

export const INTERVIEW_STATUSES = ['followed_up', 'waiting', 'silent'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export const dashboardFilterShape = {
  teamId: z.uuid({ error: 'must be a team id' }).optional(),
  jobId: z.uuid({ error: 'must be a job id' }).optional(),
  ownerId: z.uuid({ error: 'must be a member id' }).optional(),
  stage: z.enum(STAGES, { error: `must be one of: ${STAGES.join(', ')}` }).optional(),
  from: ZCalendarDay.optional(),
  to: ZCalendarDay.optional(),
  followedUp: z.enum(FOLLOWED_UP_CHOICES, { error: 'must be yes, no or all' }).default('all'),
};

export const dashboardSortShape = {
  sort: z.enum(DASHBOARD_SORTS, { error: `must be one of: ${DASHBOARD_SORTS.join(', ')}` }).default('ended'),
  order: z.enum(SORT_ORDERS, { error: 'must be asc or desc' }).optional(),
};

/** Every dashboard input refuses a range that ends before it starts: that is a mistake, not an empty page. */
export function withOrderedDates<S extends z.ZodType<{ from?: string; to?: string }>>(schema: S): S {
  return schema.refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'must be on or after the start date (from)', path: ['to'] });
}

/**
 * The view a shared URL asks for. Lenient: a value that does not parse (an old link, a hand edit)
 * is dropped rather than breaking the page; the API routes use the strict schemas instead.
 */
export function parseDashboardView(params: Record<string, string | string[] | undefined>): DashboardView {
  const first = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const pick = <S extends z.ZodType>(schema: S, key: string): z.output<S> | undefined => {
    const raw = first(key);
    if (raw === undefined || raw === '') return undefined;
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };
  const filters: DashboardFilters = { followedUp: pick(dashboardFilterShape.followedUp, 'followedUp') ?? 'all' };
  for (const key of ['teamId', 'jobId', 'ownerId', 'from', 'to'] as const) {
    const value = pick(dashboardFilterShape[key], key);
    if (value) filters[key] = value;
  }
  const stage = pick(dashboardFilterShape.stage, 'stage');
  if (stage) filters.stage = stage;
  if (filters.from && filters.to && filters.from > filters.to) {
    delete filters.from;
    delete filters.to;
  }
  const sort = pick(dashboardSortShape.sort, 'sort') ?? 'ended';
  return { filters, sort, order: pick(dashboardSortShape.order, 'order') ?? DEFAULT_ORDER[sort] };
}

const STATUS = sql`(case
  when ie.followed_up_at is not null then 'followed_up'
  when i.ends_at + make_interval(days => o.follow_up_window_days) < now() then 'silent'
  else 'waiting' end)`;

// followed_up_at − ends_at, stored by the engagement upkeep so the sort can use an index.
const LATENCY = sql`ie.follow_up_seconds`;

export const SORT_KEYS: Record<DashboardSort, SortKey> = {
  ended: { expr: sql`i.ends_at`, text: timestampText(sql`i.ends_at`), cast: 'timestamptz', nullable: false },
  latency: { expr: LATENCY, text: sql`(${LATENCY})::text`, cast: 'numeric', nullable: true },
  score: { expr: sql`coalesce(ie.score_points, 0)`, text: sql`coalesce(ie.score_points, 0)::text`, cast: 'int', nullable: false },
  candidate: { expr: sql`lower(c.name)`, text: sql`lower(c.name)`, cast: 'text', nullable: false },
};

export function cursorTag(sort: DashboardSort, order: SortOrder): string {
  return `dashboard:${sort}:${order}`;
}

/**
 * One row per live interview the actor may see, with its follow-up figures. Visibility follows the
 * job's team (recruiters and viewers see their teams' jobs); archived records are left out at
 * every level, since any one of them being archived takes the interview off the board.
 */
function fromInterviews(orgId: string, scope: Scope, f: DashboardFilters): SQL {
  const where: SQL[] = [
    sql`i.org_id = ${orgId}`,
    sql`i.archived_at is null and a.archived_at is null and j.archived_at is null and c.archived_at is null`,
    jobVisible('j', scope),
  ];
  if (f.teamId) where.push(sql`j.team_id = ${f.teamId}`);
  if (f.jobId) where.push(sql`j.id = ${f.jobId}`);
  if (f.ownerId) where.push(sql`c.owner_user_id = ${f.ownerId}`);
  if (f.stage) where.push(sql`a.stage = ${f.stage}`);
  // Days are the agency's calendar days, so "from 1 March" means midnight where the agency works.
  if (f.from) where.push(sql`i.ends_at >= (${f.from}::date)::timestamp at time zone o.time_zone`);
  if (f.to) where.push(sql`i.ends_at < (${f.to}::date + 1)::timestamp at time zone o.time_zone`);
  if (f.followedUp === 'yes') where.push(sql`ie.followed_up_at is not null`);
  if (f.followedUp === 'no') where.push(sql`ie.followed_up_at is null`);
  return sql`
    from interviews i
    join applications a on a.org_id = i.org_id and a.id = i.application_id
    join jobs j on j.org_id = a.org_id and j.id = a.job_id
    join candidates c on c.org_id = i.org_id and c.id = i.candidate_id
    join organizations o on o.id = i.org_id
    left join teams tm on tm.org_id = j.org_id and tm.id = j.team_id
    left join interview_engagement ie on ie.org_id = i.org_id and ie.interview_id = i.id
    left join users u on u.id = c.owner_user_id
    where ${sql.join(where, sql` and `)}`;
}

export interface DashboardRow {
  interviewId: string;
  interviewKind: (typeof INTERVIEW_KINDS)[number];
  startsAt: Date;
  endsAt: Date;
  candidateId: string;
  candidateName: string;
  candidateEmail: string;
  applicationId: string;
  stage: Stage;
  jobId: string;
  jobTitle: string;
  clientCompany: string;
  teamId: string;
  teamName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  status: InterviewStatus;
  /** Not held yet: still "waiting" (no follow-up, window open), but shown as scheduled. */
  upcoming: boolean;
  followedUpAt: Date | null;
  /** When the follow-up window closes: until then no follow-up means "waiting", after it "silent". */
  windowEndsAt: Date;
  latencySeconds: number | null;
  latencyLabel: string | null;
  strength: StrengthTier;
  strongestKind: TouchKind | null;
  strongestLabel: string | null;
  scorePoints: number;
  inboundCount: number;
}

interface RawRow extends Record<string, unknown> {
  interview_id: string;
  interview_kind: DashboardRow['interviewKind'];
  starts_at: Date;
  ends_at: Date;
  candidate_id: string;
  candidate_name: string;
  candidate_email: string;
  application_id: string;
  stage: Stage;
  job_id: string;
  job_title: string;
  client_company: string;
  team_id: string;
  team_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  status: InterviewStatus;
  upcoming: boolean;
  followed_up_at: Date | null;
  window_ends_at: Date;
  latency_seconds: number | null;
  max_strength: number;
  score_points: number;
  inbound_count: number;
  strongest_kind: TouchKind | null;
  sort_value: string | null;
}

function toRow(r: RawRow): DashboardRow {
  return {
    interviewId: r.interview_id,
    interviewKind: r.interview_kind,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    candidateId: r.candidate_id,
    candidateName: r.candidate_name,
    candidateEmail: r.candidate_email,
    applicationId: r.application_id,
    stage: r.stage,
    jobId: r.job_id,
    jobTitle: r.job_title,
    clientCompany: r.client_company,
    teamId: r.team_id,
    teamName: r.team_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    status: r.status,
    upcoming: r.upcoming,
    followedUpAt: r.followed_up_at,
    windowEndsAt: r.window_ends_at,
    latencySeconds: r.latency_seconds,
    latencyLabel: r.latency_seconds === null ? null : formatDuration(r.latency_seconds),
    strength: tierOf(r.max_strength),
    strongestKind: r.strongest_kind,
    strongestLabel: r.strongest_kind ? TOUCH_RULES[r.strongest_kind].label : null,
    scorePoints: r.score_points,
    inboundCount: r.inbound_count,
  };
}

export interface DashboardPage {
  items: DashboardRow[];
  nextCursor: string | null;
}

export async function queryDashboardPage(
  { tx, actor }: ServiceContext,
  scope: Scope,
  view: DashboardView & { after: KeysetPosition | null; limit: number },
): Promise<DashboardPage> {
  const key = SORT_KEYS[view.sort];
  const after = view.after ? sql`and ${keysetAfter(key, view.order, sql`i.id`, view.after)}` : sql``;
  const rows = await queryRows<RawRow>(
    tx,
    sql`
      with page as (
        select i.id as interview_id, i.kind as interview_kind, i.starts_at, i.ends_at,
          c.id as candidate_id, c.name as candidate_name, c.email as candidate_email,
          a.id as application_id, a.stage, j.id as job_id, j.title as job_title, j.client_company, j.team_id, tm.name as team_name,
          c.owner_user_id as owner_id, coalesce(u.name, u.email) as owner_name,
          ${STATUS} as status, i.ends_at > now() as upcoming, ie.followed_up_at,
          i.ends_at + make_interval(days => o.follow_up_window_days) as window_ends_at,
          (${LATENCY})::float8 as latency_seconds,
          coalesce(ie.max_strength, 0)::int as max_strength,
          coalesce(ie.score_points, 0)::int as score_points,
          coalesce(ie.inbound_count, 0)::int as inbound_count,
          ${key.expr} as sort_key, ${key.text} as sort_value
        ${fromInterviews(actor.orgId, scope, view.filters)} ${after}
        order by ${keysetOrderBy(key, view.order, sql`i.id`)}
        limit ${view.limit + 1})
      select page.*, strongest.kind as strongest_kind
      from page
      left join lateral (
        select t.kind from touches t
        where t.org_id = ${actor.orgId} and t.interview_id = page.interview_id and t.direction = 'inbound'
          and page.max_strength > 0 and t.strength = page.max_strength
        order by t.occurred_at, t.id limit 1) strongest on true
      order by ${keysetOrderBy({ expr: sql`page.sort_key`, nullable: key.nullable }, view.order, sql`page.interview_id`)}`,
  );
  const items = rows.slice(0, view.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > view.limit && last ? encodeCursor(cursorTag(view.sort, view.order), { value: last.sort_value, id: last.interview_id }) : null;
  return { items: items.map(toRow), nextCursor };
}

export interface DashboardSummary {
  total: number;
  followedUp: number;
  waiting: number;
  silent: number;
  /** Of the waiting, how many interviews have not been held yet. */
  upcoming: number;
  medianLatencySeconds: number | null;
  medianLatencyLabel: string | null;
}

export async function queryDashboardSummary({ tx, actor }: ServiceContext, scope: Scope, filters: DashboardFilters): Promise<DashboardSummary> {
  const [row] = await queryRows<{ total: number; followed_up: number; waiting: number; silent: number; upcoming: number; median: number | null }>(
    tx,
    sql`
      select count(*)::int as total,
        count(*) filter (where s.status = 'followed_up')::int as followed_up,
        count(*) filter (where s.status = 'waiting')::int as waiting,
        count(*) filter (where s.status = 'silent')::int as silent,
        count(*) filter (where s.upcoming)::int as upcoming,
        (percentile_cont(0.5) within group (order by s.latency))::float8 as median
      from (select ${STATUS} as status, i.ends_at > now() as upcoming, (${LATENCY})::float8 as latency ${fromInterviews(actor.orgId, scope, filters)}) s`,
  );
  const median = row?.median ?? null;
  return {
    total: row?.total ?? 0,
    followedUp: row?.followed_up ?? 0,
    waiting: row?.waiting ?? 0,
    silent: row?.silent ?? 0,
    upcoming: row?.upcoming ?? 0,
    medianLatencySeconds: median,
    medianLatencyLabel: median === null ? null : formatDuration(median),
  };
}
