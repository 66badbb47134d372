import { sql, type SQL } from 'drizzle-orm';
import { ANSWERING_KINDS, AWAITING_KINDS, FOLLOW_UP_MIN_STRENGTH } from './touch-kinds';

// SQL shared by the incremental update and the rebuild, so both weigh a touch the same way.

const kindList = (kinds: readonly string[]) => sql.raw(`(${kinds.map((k) => `'${k}'`).join(', ')})`);

export const awaitingKinds = kindList(AWAITING_KINDS);
export const answeringKinds = kindList(ANSWERING_KINDS);

/**
 * Points of one inbound touch: strength × 10, weighted by how soon after the interview it came
 * (within a day counts fully, within three days ¾, later ½; with no interview ½). Integers, so
 * sums are exact in any order.
 */
export function touchPoints(strength: SQL, occurredAt: SQL, endsAt: SQL): SQL {
  return sql`(case when ${strength} = 0 then 0 else round(${strength} * 10 * (case
      when ${endsAt} is null then 0.5
      when ${occurredAt} <= ${endsAt} + interval '1 day' then 1.0
      when ${occurredAt} <= ${endsAt} + interval '3 days' then 0.75
      else 0.5 end))::int end)`;
}

/** A touch follows up an interview when it is inbound, strong enough, and inside the window. */
export function followsUp(strength: SQL, occurredAt: SQL, endsAt: SQL, windowDays: SQL): SQL {
  return sql`(${strength} >= ${FOLLOW_UP_MIN_STRENGTH} and ${endsAt} is not null and ${occurredAt} >= ${endsAt} and ${occurredAt} <= ${endsAt} + make_interval(days => ${windowDays}))`;
}
