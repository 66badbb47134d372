import { sql, type SQL } from 'drizzle-orm';
import { candidateVisible, loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';

/**
 * The actor's own notifications (alias `n`, its candidate joined as `c`) that are still worth
 * showing: about a candidate they may see and who was not erased. A recruiter moved off the team
 * no longer sees the candidate's name in an old reminder, and the count and the list agree.
 */
export async function ownNotificationsWhere(ctx: ServiceContext): Promise<SQL> {
  const scope = await loadScope(ctx);
  return sql`n.org_id = ${ctx.actor.orgId} and n.user_id = ${ctx.actor.userId}
    and (n.candidate_id is null or (c.erased_at is null and ${candidateVisible('c', scope)}))`;
}

export const NOTIFICATION_CANDIDATE_JOIN = sql`left join candidates c on c.org_id = n.org_id and c.id = n.candidate_id`;
