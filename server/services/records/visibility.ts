import { sql, type SQL } from 'drizzle-orm';
import { queryRows, uuidArray } from '@/db/client';
import type { ServiceContext } from '@/server/services/types';

export interface Scope {
  /** Owners and admins see every team. */
  all: boolean;
  teamIds: string[];
  userId: string;
}

/** What the actor may see: admins and owners everything, recruiters and viewers their teams. */
export async function loadScope({ tx, actor }: ServiceContext): Promise<Scope> {
  if (actor.role === 'owner' || actor.role === 'admin') return { all: true, teamIds: [], userId: actor.userId };
  const rows = await queryRows<{ team_id: string }>(
    tx,
    sql`select tm.team_id from team_members tm join teams t on t.org_id = tm.org_id and t.id = tm.team_id
        where tm.org_id = ${actor.orgId} and tm.user_id = ${actor.userId} and t.archived_at is null`,
  );
  return { all: false, teamIds: rows.map((r) => r.team_id), userId: actor.userId };
}

/** A candidate is visible through one of the actor's teams, or to the recruiter who owns it. */
export function candidateVisible(alias: string, scope: Scope): SQL {
  if (scope.all) return sql`true`;
  const a = sql.raw(alias);
  return sql`(${a}.team_id = any(${uuidArray(scope.teamIds)}) or ${a}.owner_user_id = ${scope.userId}::uuid)`;
}

export function jobVisible(alias: string, scope: Scope): SQL {
  if (scope.all) return sql`true`;
  return sql`${sql.raw(alias)}.team_id = any(${uuidArray(scope.teamIds)})`;
}

export function canSeeTeam(scope: Scope, teamId: string | null | undefined): boolean {
  return scope.all || (teamId != null && scope.teamIds.includes(teamId));
}
