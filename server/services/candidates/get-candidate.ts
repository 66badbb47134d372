import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import type { Interviewer, Stage } from '@/db/schema';
import { AppError } from '@/server/errors';
import { candidateVisible, loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';

export const ZGetCandidateInput = z.object({ candidateId: z.uuid('This candidate does not exist.') });

interface CandidateRow extends Record<string, unknown> {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  owner_user_id: string | null;
  team_id: string | null;
  tags: string[];
  source: string | null;
  archived_at: Date | null;
  erased_at: Date | null;
  created_at: Date;
}

/** The candidate if the actor may see it; NOT_FOUND otherwise, so ids of other teams reveal nothing. */
export async function getVisibleCandidate(ctx: ServiceContext, candidateId: string) {
  const scope = await loadScope(ctx);
  const [row] = await queryRows<CandidateRow>(
    ctx.tx,
    sql`select c.* from candidates c where c.org_id = ${ctx.actor.orgId} and c.id = ${candidateId} and ${candidateVisible('c', scope)}`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'This candidate does not exist.');
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    ownerUserId: row.owner_user_id,
    teamId: row.team_id,
    tags: row.tags,
    source: row.source,
    archivedAt: row.archived_at,
    erasedAt: row.erased_at,
    createdAt: row.created_at,
  };
}

/** Everything the candidate page shows besides the timeline. */
export async function getCandidate(ctx: ServiceContext, input: z.infer<typeof ZGetCandidateInput>) {
  const candidate = await getVisibleCandidate(ctx, input.candidateId);
  const [details] = await queryRows<{ owner_name: string | null; team_name: string | null }>(
    ctx.tx,
    sql`select coalesce(u.name, u.email) as owner_name, t.name as team_name
        from candidates c left join users u on u.id = c.owner_user_id left join teams t on t.org_id = c.org_id and t.id = c.team_id
        where c.org_id = ${ctx.actor.orgId} and c.id = ${candidate.id}`,
  );
  const applications = await queryRows<{ id: string; stage: Stage; job_id: string; job_title: string; client_company: string; archived_at: Date | null }>(
    ctx.tx,
    sql`select a.id, a.stage, a.job_id, j.title as job_title, j.client_company, a.archived_at
        from applications a join jobs j on j.org_id = a.org_id and j.id = a.job_id
        where a.org_id = ${ctx.actor.orgId} and a.candidate_id = ${candidate.id}
        order by a.created_at desc`,
  );
  const interviews = await queryRows<{
    id: string;
    application_id: string;
    starts_at: Date;
    ends_at: Date;
    kind: string;
    interviewers: Interviewer[];
    archived_at: Date | null;
    followed_up_at: Date | null;
    max_strength: number | null;
    score_points: number | null;
  }>(
    ctx.tx,
    sql`select i.id, i.application_id, i.starts_at, i.ends_at, i.kind, i.interviewers, i.archived_at,
               e.followed_up_at, e.max_strength, e.score_points
        from interviews i left join interview_engagement e on e.org_id = i.org_id and e.interview_id = i.id
        where i.org_id = ${ctx.actor.orgId} and i.candidate_id = ${candidate.id}
        order by i.starts_at desc`,
  );
  const [engagement] = await queryRows<Record<string, unknown>>(
    ctx.tx,
    sql`select * from candidate_engagement where org_id = ${ctx.actor.orgId} and candidate_id = ${candidate.id}`,
  );
  const [settings] = await queryRows<{ reply_target_hours: number; follow_up_window_days: number }>(
    ctx.tx,
    sql`select reply_target_hours, follow_up_window_days from organizations where id = ${ctx.actor.orgId}`,
  );
  return {
    candidate: { ...candidate, ownerName: details?.owner_name ?? null, teamName: details?.team_name ?? null },
    applications: applications.map((a) => ({ id: a.id, stage: a.stage, jobId: a.job_id, jobTitle: a.job_title, clientCompany: a.client_company, archivedAt: a.archived_at })),
    interviews: interviews.map((i) => ({
      id: i.id,
      applicationId: i.application_id,
      startsAt: i.starts_at,
      endsAt: i.ends_at,
      kind: i.kind,
      interviewers: i.interviewers,
      archivedAt: i.archived_at,
      followedUpAt: i.followed_up_at,
      maxStrength: i.max_strength ?? 0,
      scorePoints: i.score_points ?? 0,
    })),
    engagement: engagement
      ? {
          followedUpAt: engagement.followed_up_at as Date | null,
          awaitingReplySince: engagement.awaiting_reply_since as Date | null,
          lastInboundAt: engagement.last_inbound_at as Date | null,
          lastOutboundAt: engagement.last_outbound_at as Date | null,
          inboundCount: engagement.inbound_count as number,
          outboundCount: engagement.outbound_count as number,
          strongCount: engagement.strong_count as number,
          mediumCount: engagement.medium_count as number,
          weakCount: engagement.weak_count as number,
          maxStrength: engagement.max_strength as number,
          scorePoints: engagement.score_points as number,
        }
      : null,
    settings: { replyTargetHours: settings?.reply_target_hours ?? 48, followUpWindowDays: settings?.follow_up_window_days ?? 7 },
  };
}
