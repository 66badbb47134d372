import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { STAGES } from '@/db/schema';
import { AppError } from '@/server/errors';
import { canSeeTeam, jobVisible, loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';

/** Enough jobs for a picker; an agency with more narrows by team first. */
const JOB_OPTIONS_MAX = 500;

/** What the dashboard's filter pickers offer, limited to what the actor can see, and the agency settings it reads. */
export async function getDashboardOptions(ctx: ServiceContext) {
  const { tx, actor } = ctx;
  const scope = await loadScope(ctx);
  const [org] = await queryRows<{ time_zone: string; follow_up_window_days: number; reply_target_hours: number }>(
    tx,
    sql`select time_zone, follow_up_window_days, reply_target_hours from organizations where id = ${actor.orgId}`,
  );
  if (!org) throw new AppError('NOT_FOUND', 'This agency does not exist.');
  const teams = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from teams where org_id = ${actor.orgId} and archived_at is null order by lower(name), id`,
  );
  const jobs = await queryRows<{ id: string; title: string; client_company: string; team_id: string }>(
    tx,
    sql`select j.id, j.title, j.client_company, j.team_id from jobs j
        where j.org_id = ${actor.orgId} and j.archived_at is null and ${jobVisible('j', scope)}
        order by lower(j.title), lower(j.client_company), j.id limit ${JOB_OPTIONS_MAX}`,
  );
  const owners = await queryRows<{ user_id: string; name: string }>(
    tx,
    sql`select m.user_id, coalesce(u.name, u.email) as name from memberships m join users u on u.id = m.user_id
        where m.org_id = ${actor.orgId} order by lower(coalesce(u.name, u.email)), m.user_id`,
  );
  return {
    settings: { timeZone: org.time_zone, followUpWindowDays: org.follow_up_window_days, replyTargetHours: org.reply_target_hours },
    teams: teams.filter((t) => canSeeTeam(scope, t.id)),
    jobs: jobs.map((j) => ({ id: j.id, title: j.title, clientCompany: j.client_company, teamId: j.team_id })),
    owners: owners.map((o) => ({ id: o.user_id, name: o.name })),
    stages: [...STAGES],
  };
}
