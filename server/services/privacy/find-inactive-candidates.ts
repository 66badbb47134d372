import { sql, type SQL } from 'drizzle-orm';
import { queryRows, ts, type Tx } from '@/db/client';

export interface RetentionRule {
  /** The agency's retention setting (organizations.retention_months). */
  months: number;
  /** The job's clock: tests move it. */
  now: Date;
}

/** The moment before which a candidate with no activity at all is due for erasure. */
export function retentionCutoff({ months, now }: RetentionRule): SQL {
  return sql`(${ts(now)} - make_interval(months => ${months}::int))`;
}

/**
 * True for a candidate (alias `c`) not yet erased with no activity since the cutoff: the record
 * itself was not changed, no touch happened (or was logged), and no application or interview was
 * changed or is still to come.
 */
export function inactiveSince(orgId: string, cutoff: SQL): SQL {
  return sql`c.erased_at is null and c.updated_at < ${cutoff}
    and not exists (select 1 from touches t where t.org_id = ${orgId} and t.candidate_id = c.id and (t.occurred_at >= ${cutoff} or t.recorded_at >= ${cutoff}))
    and not exists (select 1 from applications a where a.org_id = ${orgId} and a.candidate_id = c.id and a.updated_at >= ${cutoff})
    and not exists (select 1 from interviews i where i.org_id = ${orgId} and i.candidate_id = c.id and (i.ends_at >= ${cutoff} or i.updated_at >= ${cutoff}))`;
}

/**
 * The agency's candidates due for erasure under its retention rule, least recently active first.
 * Latest activity is the latest of the record's update, its touches, applications and interviews.
 */
export async function findInactiveCandidates({ tx, orgId }: { tx: Tx; orgId: string }, rule: RetentionRule & { limit: number }) {
  const cutoff = retentionCutoff(rule);
  const rows = await queryRows<{ id: string; last_activity_at: Date }>(
    tx,
    sql`select c.id, greatest(c.updated_at,
          (select max(greatest(t.occurred_at, t.recorded_at)) from touches t where t.org_id = ${orgId} and t.candidate_id = c.id),
          (select max(a.updated_at) from applications a where a.org_id = ${orgId} and a.candidate_id = c.id),
          (select max(greatest(i.ends_at, i.updated_at)) from interviews i where i.org_id = ${orgId} and i.candidate_id = c.id)) as last_activity_at
        from candidates c
        where c.org_id = ${orgId} and ${inactiveSince(orgId, cutoff)}
        order by c.updated_at, c.id
        limit ${rule.limit}`,
  );
  return rows.map((r) => ({ id: r.id, lastActivityAt: r.last_activity_at }));
}
