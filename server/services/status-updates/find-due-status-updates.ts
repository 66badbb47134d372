import { sql } from 'drizzle-orm';
import { queryRows, ts } from '@/db/client';
import { answeringKinds } from '@/server/services/touches/engagement-sql';
import { FOLLOW_UP_MIN_STRENGTH } from '@/server/services/touches/touch-kinds';
import type { ServiceContext } from '@/server/services/types';

/** Stages before a decision; any other stage (offer, hired, rejected, withdrawn) stops the updates. */
export const UNDECIDED_STAGES = ['applied', 'screening', 'interview'] as const;

export interface DueStatusUpdate extends Record<string, unknown> {
  candidate_id: string;
  application_id: string;
  interview_id: string;
  ends_at: Date;
  /** When the candidate last heard from the agency: the interview's end, or a later message or update. */
  last_heard: Date;
  suppressed: boolean;
}

interface DueQueryInput {
  now: Date;
  everyDays: number;
  /** Re-checks one application inside the transaction that sends its update. */
  applicationId?: string;
}

export type FindDueStatusUpdatesInput = DueQueryInput & { limit: number };

/**
 * The candidates owed a "no decision yet" update: an undecided, open application whose latest
 * interview ended at least `everyDays` ago, and no word from the agency for as long (a message
 * that answers, or an earlier update). An application is done with updates once the candidate
 * replied (strength ≥ FOLLOW_UP_MIN_STRENGTH) or a recruiter wrote personally after its first
 * update. While the candidate waits on a reply, no form letter goes out: the recruiter owes one.
 * One application per candidate (the most recent interview), longest silence first.
 */
function dueQuery(ctx: ServiceContext, input: DueQueryInput) {
  const orgId = ctx.actor.orgId;
  const cutoff = sql`(${ts(input.now)} - make_interval(days => ${input.everyDays}))`;
  const stages = sql.join(UNDECIDED_STAGES.map((s) => sql`${s}`), sql`, `);
  return sql`
    with latest as (
      select distinct on (a.id) a.id as application_id, a.candidate_id, i.id as interview_id, i.ends_at
      from applications a
      join candidates c on c.org_id = a.org_id and c.id = a.candidate_id
      join interviews i on i.org_id = a.org_id and i.application_id = a.id and i.archived_at is null
      where a.org_id = ${orgId} and a.stage in (${stages}) and a.archived_at is null
        and c.archived_at is null and c.erased_at is null and c.email <> ''
        ${input.applicationId ? sql`and a.id = ${input.applicationId}` : sql``}
      order by a.id, i.ends_at desc, i.id desc
    ),
    open as (
      select l.* from latest l
      where l.ends_at <= ${cutoff}
        and not exists (
          select 1 from touches f
          join touches r on r.org_id = f.org_id and r.candidate_id = f.candidate_id and r.occurred_at > f.occurred_at
          where f.org_id = ${orgId} and f.application_id = l.application_id and f.kind = 'status_update'
            and ((r.direction = 'inbound' and r.strength >= ${FOLLOW_UP_MIN_STRENGTH}) or (r.direction = 'outbound' and r.kind in ${answeringKinds})))
    ),
    per_candidate as (
      select distinct on (candidate_id) * from open order by candidate_id, ends_at desc, application_id
    ),
    due as (
      select p.*, greatest(p.ends_at, heard.at) as last_heard,
        exists (select 1 from suppressions s where s.org_id = c.org_id and s.email = lower(c.email)) as suppressed
      from per_candidate p
      join candidates c on c.org_id = ${orgId} and c.id = p.candidate_id
      left join candidate_engagement e on e.org_id = c.org_id and e.candidate_id = c.id
      left join lateral (
        select max(t.occurred_at) as at from touches t
        where t.org_id = c.org_id and t.candidate_id = c.id and t.direction = 'outbound'
          and (t.kind in ${answeringKinds} or t.kind = 'status_update') and t.occurred_at <= ${ts(input.now)}) heard on true
      where greatest(p.ends_at, heard.at) <= ${cutoff}
        and (e.awaiting_reply_since is null or e.awaiting_reply_since > ${ts(input.now)})
    )`;
}

export async function findDueStatusUpdates(ctx: ServiceContext, input: FindDueStatusUpdatesInput): Promise<{ due: DueStatusUpdate[]; suppressed: number }> {
  const base = dueQuery(ctx, input);
  const due = await queryRows<DueStatusUpdate>(
    ctx.tx,
    sql`${base} select * from due where not suppressed order by last_heard, candidate_id limit ${input.limit}`,
  );
  const [counted] = await queryRows<{ n: number }>(ctx.tx, sql`${base} select count(*)::int as n from due where suppressed`);
  return { due, suppressed: counted?.n ?? 0 };
}

/** One application's update, if it is due now (suppressed or not); read again in the sending transaction. */
export async function findDueStatusUpdate(ctx: ServiceContext, input: DueQueryInput & { applicationId: string }): Promise<DueStatusUpdate | null> {
  const [row] = await queryRows<DueStatusUpdate>(ctx.tx, sql`${dueQuery(ctx, input)} select * from due limit 1`);
  return row ?? null;
}
