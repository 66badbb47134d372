import { sql } from 'drizzle-orm';
import { execute, uuidArray, type Tx } from '@/db/client';
import { answeringKinds, awaitingKinds, followsUp, touchPoints } from './engagement-sql';

/**
 * Recomputes engagement from the ledger alone, for one agency or some of its candidates. It must
 * agree with the running figures recordTouch keeps (the property test holds it to that).
 */
export async function rebuildEngagement({ tx, orgId, candidateIds }: { tx: Tx; orgId: string; candidateIds?: string[] }): Promise<void> {
  const only = (column: string) => (candidateIds ? sql`and ${sql.raw(column)} = any(${uuidArray(candidateIds)})` : sql``);
  const points = touchPoints(sql`t.strength`, sql`t.occurred_at`, sql`i.ends_at`);
  const follows = followsUp(sql`t.strength`, sql`t.occurred_at`, sql`i.ends_at`, sql`o.follow_up_window_days`);

  await execute(tx, sql`delete from interview_engagement where org_id = ${orgId} ${only('candidate_id')}`);
  await execute(tx, sql`delete from candidate_engagement where org_id = ${orgId} ${only('candidate_id')}`);

  await execute(tx, sql`
    insert into interview_engagement (org_id, interview_id, candidate_id, inbound_count, outbound_count, strong_count, medium_count, weak_count,
        max_strength, followed_up_at, last_inbound_at, last_outbound_at, score_points, follow_up_seconds)
    select t.org_id, t.interview_id, t.candidate_id,
      count(*) filter (where t.direction = 'inbound'),
      count(*) filter (where t.direction = 'outbound'),
      count(*) filter (where t.direction = 'inbound' and t.strength >= 5),
      count(*) filter (where t.direction = 'inbound' and t.strength = 4),
      count(*) filter (where t.direction = 'inbound' and t.strength between 1 and 3),
      max(t.strength),
      min(t.occurred_at) filter (where t.direction = 'inbound' and ${follows}),
      max(t.occurred_at) filter (where t.direction = 'inbound'),
      max(t.occurred_at) filter (where t.direction = 'outbound'),
      coalesce(sum(${points}), 0),
      extract(epoch from (min(t.occurred_at) filter (where t.direction = 'inbound' and ${follows}) - i.ends_at))
    from touches t
    join interviews i on i.org_id = t.org_id and i.id = t.interview_id
    join organizations o on o.id = t.org_id
    where t.org_id = ${orgId} and t.interview_id is not null ${only('t.candidate_id')}
    group by t.org_id, t.interview_id, t.candidate_id, i.ends_at`);

  await execute(tx, sql`
    with agg as (
      select t.org_id, t.candidate_id,
        count(*) filter (where t.direction = 'inbound') as inbound_count,
        count(*) filter (where t.direction = 'outbound') as outbound_count,
        count(*) filter (where t.direction = 'inbound' and t.strength >= 5) as strong_count,
        count(*) filter (where t.direction = 'inbound' and t.strength = 4) as medium_count,
        count(*) filter (where t.direction = 'inbound' and t.strength between 1 and 3) as weak_count,
        max(t.strength) as max_strength,
        min(t.occurred_at) filter (where t.direction = 'inbound' and ${follows}) as followed_up_at,
        min(t.occurred_at) filter (where t.direction = 'inbound') as first_inbound_at,
        max(t.occurred_at) filter (where t.direction = 'inbound') as last_inbound_at,
        max(t.occurred_at) filter (where t.direction = 'outbound') as last_outbound_at,
        max(t.occurred_at) filter (where t.direction = 'outbound' and t.kind in ${answeringKinds}) as last_reply_at,
        coalesce(sum(${points}), 0) as score_points
      from touches t
      left join interviews i on i.org_id = t.org_id and i.id = t.interview_id
      join organizations o on o.id = t.org_id
      where t.org_id = ${orgId} ${only('t.candidate_id')}
      group by t.org_id, t.candidate_id)
    insert into candidate_engagement (org_id, candidate_id, inbound_count, outbound_count, strong_count, medium_count, weak_count, max_strength,
        followed_up_at, first_inbound_at, last_inbound_at, last_outbound_at, last_reply_at, awaiting_reply_since, score_points)
    select agg.org_id, agg.candidate_id, agg.inbound_count, agg.outbound_count, agg.strong_count, agg.medium_count, agg.weak_count, agg.max_strength,
      agg.followed_up_at, agg.first_inbound_at, agg.last_inbound_at, agg.last_outbound_at, agg.last_reply_at,
      (select min(x.occurred_at) from touches x
        where x.org_id = agg.org_id and x.candidate_id = agg.candidate_id and x.direction = 'inbound' and x.kind in ${awaitingKinds}
          and (agg.last_reply_at is null or x.occurred_at > agg.last_reply_at)),
      agg.score_points
    from agg`);
}
