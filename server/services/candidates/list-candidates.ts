import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { candidateVisible, loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';

export const ZListCandidatesInput = z.object({
  query: z.string().trim().max(100, 'Search at most 100 characters').optional(),
  teamId: z.uuid().optional(),
  includeArchived: z.boolean().default(false),
  limit: z.number().int().min(1).max(100, 'At most 100 per page').default(25),
  cursor: z.object({ name: z.string().max(200), id: z.uuid() }).optional(),
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Candidates by name, keyset-paginated. A search matches any part of the name or email; it goes
 * through afterview_search_candidate_ids (migration 0004) so the trigram index can serve it under RLS.
 */
export async function listCandidates(ctx: ServiceContext, input: z.input<typeof ZListCandidatesInput>) {
  const { query, teamId, includeArchived, limit, cursor } = ZListCandidatesInput.parse(input);
  const scope = await loadScope(ctx);
  const q = query?.toLowerCase();
  const rows = await queryRows<{
    id: string;
    name: string;
    email: string;
    team_name: string | null;
    owner_name: string | null;
    archived_at: Date | null;
    followed_up_at: Date | null;
    awaiting_reply_since: Date | null;
    max_strength: number | null;
    last_inbound_at: Date | null;
  }>(
    ctx.tx,
    sql`select c.id, c.name, c.email, t.name as team_name, coalesce(u.name, u.email) as owner_name, c.archived_at,
               e.followed_up_at, e.awaiting_reply_since, e.max_strength, e.last_inbound_at
        from candidates c
        left join teams t on t.org_id = c.org_id and t.id = c.team_id
        left join users u on u.id = c.owner_user_id
        left join candidate_engagement e on e.org_id = c.org_id and e.candidate_id = c.id
        where c.org_id = ${ctx.actor.orgId} and ${candidateVisible('c', scope)}
          ${includeArchived ? sql`` : sql`and c.archived_at is null`}
          ${teamId ? sql`and c.team_id = ${teamId}` : sql``}
          ${q ? sql`and c.id in (select s.id from afterview_search_candidate_ids(${`%${escapeLike(q)}%`}) s)` : sql``}
          ${cursor ? sql`and (lower(c.name), c.id) > (${cursor.name.toLowerCase()}, ${cursor.id}::uuid)` : sql``}
        order by lower(c.name), c.id
        limit ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      teamName: r.team_name,
      ownerName: r.owner_name,
      archived: r.archived_at !== null,
      followedUpAt: r.followed_up_at,
      awaitingReplySince: r.awaiting_reply_since,
      maxStrength: r.max_strength ?? 0,
      lastInboundAt: r.last_inbound_at,
    })),
    nextCursor: rows.length > limit && last ? { name: last.name, id: last.id } : null,
  };
}
