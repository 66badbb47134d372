import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, ts } from '@/db/client';
import type { Channel, Direction, OutboundEmailStatus, TouchKind } from '@/db/schema';
import { getVisibleCandidate } from '@/server/services/candidates/get-candidate';
import type { ServiceContext } from '@/server/services/types';
import { EARLIEST_STORABLE, LATEST_STORABLE } from '@/server/services/records/storable-dates';

export const ZListTimelineInput = z.object({
  candidateId: z.uuid(),
  limit: z.number().int().min(1).max(100).default(30),
  cursor: z.object({ occurredAt: z.coerce.date().min(EARLIEST_STORABLE).max(LATEST_STORABLE), id: z.uuid() }).optional(),
});

/** Every touch of one candidate, both directions and all channels, newest first, keyset-paginated. */
export async function listTimeline(ctx: ServiceContext, input: z.input<typeof ZListTimelineInput>) {
  const { candidateId, limit, cursor } = ZListTimelineInput.parse(input);
  await getVisibleCandidate(ctx, candidateId);
  const rows = await queryRows<{
    id: string;
    kind: TouchKind;
    direction: Direction;
    channel: Channel;
    strength: number;
    occurred_at: Date;
    body: string | null;
    interview_id: string | null;
    actor_name: string | null;
    in_reply_to: string | null;
    answered: boolean | null;
    email_id: string | null;
    email_status: OutboundEmailStatus | null;
    email_error: string | null;
    email_to: string | null;
    email_subject: string | null;
  }>(
    ctx.tx,
    // The page is chosen first, in the order of touches_candidate_time_idx (NULLS LAST, as the index
    // has it; the columns are never null), so the scan stops after `limit + 1` touches and the
    // actor, answer and email lookups run for the page only, not for the candidate's whole history.
    // The actor's name is a lookup by primary key: a join to users scanned every user of the platform.
    sql`select t.id, t.kind, t.direction, t.channel, t.strength, t.occurred_at, t.body, t.interview_id, t.in_reply_to,
          (select coalesce(u.name, u.email) from users u where u.id = t.actor_user_id) as actor_name,
          case when t.kind = 'question' then exists (select 1 from touches a where a.org_id = t.org_id and a.in_reply_to = t.id) end as answered,
          e.id as email_id, e.status as email_status, e.last_error as email_error, e.to_address as email_to, e.subject as email_subject
        from (
          select p.id, p.org_id, p.kind, p.direction, p.channel, p.strength, p.occurred_at, p.body, p.interview_id, p.in_reply_to, p.actor_user_id
          from touches p
          where p.org_id = ${ctx.actor.orgId} and p.candidate_id = ${candidateId}
            ${cursor ? sql`and (p.occurred_at, p.id) < (${ts(cursor.occurredAt)}, ${cursor.id}::uuid)` : sql``}
          order by p.occurred_at desc nulls last, p.id desc nulls last
          limit ${limit + 1}) t
        left join lateral (
          select x.id, x.status, x.last_error, x.to_address, x.subject from outbound_emails x
          where x.org_id = t.org_id and x.touch_id = t.id order by x.created_at desc limit 1) e on true
        order by t.occurred_at desc nulls last, t.id desc nulls last`,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      direction: r.direction,
      channel: r.channel,
      strength: r.strength,
      occurredAt: r.occurred_at,
      body: r.body,
      interviewId: r.interview_id,
      actorName: r.actor_name,
      /** The question this touch answers. */
      inReplyTo: r.in_reply_to,
      /** For questions: whether the agency answered it; null for other kinds. */
      answered: r.answered,
      /** The email this touch sent, with where it stands (queued … delivered, bounced, failed). */
      email: r.email_id
        ? { id: r.email_id, status: r.email_status!, error: r.email_error, to: r.email_to!, subject: r.email_subject! }
        : null,
    })),
    nextCursor: rows.length > limit && last ? { occurredAt: last.occurred_at, id: last.id } : null,
  };
}
