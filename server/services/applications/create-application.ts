import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { applications, STAGES } from '@/db/schema';
import { AppError, isUniqueViolation } from '@/server/errors';
import { getVisibleCandidate } from '@/server/services/candidates/get-candidate';
import { getVisibleJob } from '@/server/services/jobs/create-job';
import { candidateVisible, loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';

export const ZCreateApplicationInput = z.object({ candidateId: z.uuid(), jobId: z.uuid(), stage: z.enum(STAGES).default('applied') });
export const ZUpdateApplicationInput = z.object({ applicationId: z.uuid(), stage: z.enum(STAGES).optional(), archived: z.boolean().optional() });

export async function createApplication(ctx: ServiceContext, input: z.infer<typeof ZCreateApplicationInput>) {
  const candidate = await getVisibleCandidate(ctx, input.candidateId);
  const job = await getVisibleJob(ctx, input.jobId);
  const [row] = await ctx.tx
    .insert(applications)
    .values({ orgId: ctx.actor.orgId, candidateId: candidate.id, jobId: job.id, stage: input.stage })
    .returning()
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'applications_candidate_job_uq')) {
        throw new AppError('CONFLICT', `${candidate.name} already has an application for ${job.title}.`, { field: 'jobId', cause: error });
      }
      throw error;
    });
  return row!;
}

/** The application if its candidate is visible to the actor. */
export async function getVisibleApplication(ctx: ServiceContext, applicationId: string) {
  const scope = await loadScope(ctx);
  const [row] = await queryRows<{ id: string; candidate_id: string; job_id: string; stage: string }>(
    ctx.tx,
    sql`select a.id, a.candidate_id, a.job_id, a.stage from applications a join candidates c on c.org_id = a.org_id and c.id = a.candidate_id
        where a.org_id = ${ctx.actor.orgId} and a.id = ${applicationId} and ${candidateVisible('c', scope)}`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'This application does not exist.', { field: 'applicationId' });
  return row;
}

export async function updateApplication(ctx: ServiceContext, input: z.infer<typeof ZUpdateApplicationInput>) {
  await getVisibleApplication(ctx, input.applicationId);
  const [row] = await ctx.tx
    .update(applications)
    .set({
      ...(input.stage ? { stage: input.stage } : {}),
      ...(input.archived === undefined ? {} : { archivedAt: input.archived ? new Date() : null }),
      updatedAt: new Date(),
    })
    .where(and(eq(applications.orgId, ctx.actor.orgId), eq(applications.id, input.applicationId)))
    .returning();
  return row!;
}
