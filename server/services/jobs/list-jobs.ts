import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import type { Interviewer, Stage } from '@/db/schema';
import { candidateVisible, jobVisible, loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';
import { getVisibleJob } from './create-job';

export const ZListJobsInput = z.object({ includeArchived: z.boolean().default(false) });
export const ZGetJobInput = z.object({ jobId: z.uuid('This job does not exist.') });

/** Jobs the actor can see, with how many interviews each has and how many were followed up. */
export async function listJobs(ctx: ServiceContext, input: z.input<typeof ZListJobsInput>) {
  const { includeArchived } = ZListJobsInput.parse(input);
  const scope = await loadScope(ctx);
  const rows = await queryRows<{
    id: string;
    title: string;
    client_company: string;
    status: string;
    team_id: string;
    team_name: string;
    archived_at: Date | null;
    applications: number;
    interviews: number;
    followed_up: number;
  }>(
    ctx.tx,
    sql`select j.id, j.title, j.client_company, j.status, j.team_id, t.name as team_name, j.archived_at,
          (select count(*)::int from applications a where a.org_id = j.org_id and a.job_id = j.id and a.archived_at is null) as applications,
          (select count(*)::int from interviews i join applications a on a.org_id = i.org_id and a.id = i.application_id
             where a.org_id = j.org_id and a.job_id = j.id and i.archived_at is null) as interviews,
          (select count(*)::int from interviews i join applications a on a.org_id = i.org_id and a.id = i.application_id
             join interview_engagement e on e.org_id = i.org_id and e.interview_id = i.id
             where a.org_id = j.org_id and a.job_id = j.id and i.archived_at is null and e.followed_up_at is not null) as followed_up
        from jobs j join teams t on t.org_id = j.org_id and t.id = j.team_id
        where j.org_id = ${ctx.actor.orgId} and ${jobVisible('j', scope)} ${includeArchived ? sql`` : sql`and j.archived_at is null`}
        order by j.archived_at nulls first, j.status, lower(j.title)
        limit 500`,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    clientCompany: r.client_company,
    status: r.status,
    teamId: r.team_id,
    teamName: r.team_name,
    archived: r.archived_at !== null,
    applications: r.applications,
    interviews: r.interviews,
    followedUp: r.followed_up,
  }));
}

export async function getJob(ctx: ServiceContext, input: z.infer<typeof ZGetJobInput>) {
  const job = await getVisibleJob(ctx, input.jobId);
  const scope = await loadScope(ctx);
  const applications = await queryRows<{
    id: string;
    stage: Stage;
    candidate_id: string;
    candidate_name: string;
    candidate_email: string;
    interviews: { id: string; startsAt: string; endsAt: string; kind: string; interviewers: Interviewer[]; followedUpAt: string | null }[];
  }>(
    ctx.tx,
    sql`select a.id, a.stage, c.id as candidate_id, c.name as candidate_name, c.email as candidate_email,
          coalesce((select json_agg(json_build_object('id', i.id, 'startsAt', i.starts_at, 'endsAt', i.ends_at, 'kind', i.kind,
                      'interviewers', i.interviewers, 'followedUpAt', e.followed_up_at) order by i.starts_at)
                    from interviews i left join interview_engagement e on e.org_id = i.org_id and e.interview_id = i.id
                    where i.org_id = a.org_id and i.application_id = a.id and i.archived_at is null), '[]') as interviews
        from applications a join candidates c on c.org_id = a.org_id and c.id = a.candidate_id
        where a.org_id = ${ctx.actor.orgId} and a.job_id = ${job.id} and a.archived_at is null and c.archived_at is null
          and ${candidateVisible('c', scope)}
        order by lower(c.name)
        limit 1000`,
  );
  return {
    job: { id: job.id, title: job.title, clientCompany: job.client_company, status: job.status, teamId: job.team_id, archived: job.archived_at !== null },
    applications: applications.map((a) => ({
      id: a.id,
      stage: a.stage,
      candidateId: a.candidate_id,
      candidateName: a.candidate_name,
      candidateEmail: a.candidate_email,
      interviews: a.interviews.map((i) => ({ ...i, startsAt: new Date(i.startsAt), endsAt: new Date(i.endsAt), followedUpAt: i.followedUpAt ? new Date(i.followedUpAt) : null })),
    })),
  };
}
