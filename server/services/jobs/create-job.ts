import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { jobs } from '@/db/schema';
import { AppError } from '@/server/errors';
import { canSeeTeam, jobVisible, loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';
import { ZJobFields } from './job-input';

export const ZCreateJobInput = ZJobFields;
export const ZUpdateJobInput = ZJobFields.partial().extend({ jobId: z.uuid() });
export const ZArchiveJobInput = z.object({ jobId: z.uuid(), archived: z.boolean() });

async function checkTeam(ctx: ServiceContext, teamId: string) {
  const [team] = await queryRows(ctx.tx, sql`select 1 from teams where org_id = ${ctx.actor.orgId} and id = ${teamId} and archived_at is null`);
  if (!team) throw new AppError('NOT_FOUND', 'This team does not exist.', { field: 'teamId' });
  if (!canSeeTeam(await loadScope(ctx), teamId)) throw new AppError('FORBIDDEN', 'You can only manage jobs of your own teams.', { field: 'teamId' });
}

/** The job if the actor may see it; NOT_FOUND otherwise. */
export async function getVisibleJob(ctx: ServiceContext, jobId: string) {
  const scope = await loadScope(ctx);
  const [job] = await queryRows<{ id: string; team_id: string; title: string; client_company: string; status: string; archived_at: Date | null }>(
    ctx.tx,
    sql`select j.id, j.team_id, j.title, j.client_company, j.status, j.archived_at from jobs j
        where j.org_id = ${ctx.actor.orgId} and j.id = ${jobId} and ${jobVisible('j', scope)}`,
  );
  if (!job) throw new AppError('NOT_FOUND', 'This job does not exist.', { field: 'jobId' });
  return job;
}

export async function createJob(ctx: ServiceContext, input: z.infer<typeof ZCreateJobInput>) {
  await checkTeam(ctx, input.teamId);
  const [job] = await ctx.tx.insert(jobs).values({ orgId: ctx.actor.orgId, ...input }).returning();
  return job!;
}

export async function updateJob(ctx: ServiceContext, input: z.infer<typeof ZUpdateJobInput>) {
  await getVisibleJob(ctx, input.jobId);
  if (input.teamId) await checkTeam(ctx, input.teamId);
  const { jobId, ...fields } = input;
  const [job] = await ctx.tx
    .update(jobs)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(jobs.orgId, ctx.actor.orgId), eq(jobs.id, jobId)))
    .returning();
  return job!;
}

export async function archiveJob(ctx: ServiceContext, input: z.infer<typeof ZArchiveJobInput>) {
  await getVisibleJob(ctx, input.jobId);
  const [job] = await ctx.tx
    .update(jobs)
    .set({ archivedAt: input.archived ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(jobs.orgId, ctx.actor.orgId), eq(jobs.id, input.jobId)))
    .returning();
  return job!;
}
