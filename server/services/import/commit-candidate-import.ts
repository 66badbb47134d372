import { and, eq, sql } from 'drizzle-orm';
import { queryRows, uuidArray } from '@/db/client';
import { applications, candidates, interviews, jobs, type Stage } from '@/db/schema';
import { AppError, isUniqueViolation } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';
import { analyzeCandidateImport, type RowPlan, type RowWrite } from './analyze-candidate-import';
import { describeIssue } from './import-format';
import type { CommitCandidateImportInput } from './import-input';

// Well under Postgres' 65,535 parameters per statement for every table written here.
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function skipReason(row: RowPlan): string {
  if (row.issues.length > 0) return row.issues.map(describeIssue).join('; ');
  return row.note ?? 'skipped';
}

type Written = RowPlan & { write: RowWrite };

/**
 * Imports the file in the caller's transaction. It analyses the file again rather than trusting a
 * preview; rows in error and duplicates (unless updating) are skipped and reported by row number.
 * Anything unexpected throws, and the procedure's transaction rolls the whole batch back.
 */
export async function commitCandidateImport(ctx: ServiceContext, input: CommitCandidateImportInput) {
  const analysis = await analyzeCandidateImport(ctx, input);
  const { orgId, userId } = ctx.actor;
  const written = analysis.rows.filter((r): r is Written => r.action !== 'skip' && r.write !== null);
  const toCreate = written.filter((r) => r.action === 'create');
  const toUpdate = written.filter((r) => r.action === 'update');

  const jobIdByKey = new Map<string, string>();
  for (const job of analysis.newJobs) {
    const [row] = await ctx.tx
      .insert(jobs)
      .values({ orgId, teamId: job.teamId, title: job.title, clientCompany: job.clientCompany })
      .returning({ id: jobs.id });
    jobIdByKey.set(job.key, row!.id);
  }

  const candidateIdByEmail = new Map<string, string>();
  for (const batch of chunks(toCreate)) {
    const inserted = await ctx.tx
      .insert(candidates)
      .values(
        batch.map(({ write: { candidate, teamId, ownerUserId } }) => ({
          orgId,
          name: candidate.name,
          email: candidate.email,
          phone: candidate.phone ?? null,
          ownerUserId: ownerUserId ?? userId,
          teamId,
          tags: candidate.tags ?? [],
          source: candidate.source ?? null,
        })),
      )
      .returning({ id: candidates.id, email: candidates.email })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'candidates_org_email_uq')) {
          throw new AppError('CONFLICT', 'A candidate with one of these emails was added while the file was being imported. Nothing was imported; preview the file again.', {
            field: 'csv',
            cause: error,
          });
        }
        throw error;
      });
    for (const c of inserted) candidateIdByEmail.set(c.email.toLowerCase(), c.id);
  }

  for (const { write } of toUpdate) {
    const { candidate, teamId, ownerUserId, existing } = write;
    // Empty cells keep what is stored: a sparse file must not wipe phone numbers or teams.
    await ctx.tx
      .update(candidates)
      .set({
        name: candidate.name,
        ...(candidate.phone ? { phone: candidate.phone } : {}),
        ...(candidate.tags ? { tags: candidate.tags } : {}),
        ...(candidate.source ? { source: candidate.source } : {}),
        ...(teamId ? { teamId } : {}),
        ...(ownerUserId ? { ownerUserId } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(candidates.orgId, orgId), eq(candidates.id, existing!.id)));
    if (ownerUserId && ownerUserId !== existing!.ownerUserId) {
      await recordAudit(ctx, {
        action: 'candidate.reassign',
        targetType: 'candidate',
        targetId: existing!.id,
        before: { ownerUserId: existing!.ownerUserId },
        after: { ownerUserId },
      });
    }
  }

  const candidateIdOf = (r: Written) => r.write.existing?.id ?? candidateIdByEmail.get(r.write.candidate.email)!;
  const jobIdOf = (r: Written) => r.write.job!.jobId ?? jobIdByKey.get(r.write.job!.newJobKey!)!;
  const pair = (candidateId: string, jobId: string) => `${candidateId}:${jobId}`;

  const withJob = written.filter((r) => r.write.job !== null);
  const updatedIds = toUpdate.map((r) => r.write.existing!.id);
  const existingApplications = updatedIds.length
    ? await queryRows<{ id: string; candidate_id: string; job_id: string }>(
        ctx.tx,
        sql`select id, candidate_id, job_id from applications where org_id = ${orgId} and candidate_id = any(${uuidArray(updatedIds)})`,
      )
    : [];
  const applicationIdByPair = new Map(existingApplications.map((a) => [pair(a.candidate_id, a.job_id), a.id]));
  const existingApplicationIds = new Set(applicationIdByPair.values());

  const newApplications: { candidateId: string; jobId: string; stage: Stage }[] = [];
  for (const r of withJob) {
    const candidateId = candidateIdOf(r);
    const jobId = jobIdOf(r);
    const explicit = r.write.job!.stage;
    const current = applicationIdByPair.get(pair(candidateId, jobId));
    if (!current) newApplications.push({ candidateId, jobId, stage: explicit ?? (r.write.interview ? 'interview' : 'applied') });
    else if (explicit) {
      await ctx.tx
        .update(applications)
        .set({ stage: explicit, updatedAt: new Date() })
        .where(and(eq(applications.orgId, orgId), eq(applications.id, current)));
    }
  }
  for (const batch of chunks(newApplications)) {
    const inserted = await ctx.tx
      .insert(applications)
      .values(batch.map((a) => ({ orgId, ...a })))
      .returning({ id: applications.id, candidateId: applications.candidateId, jobId: applications.jobId });
    for (const a of inserted) applicationIdByPair.set(pair(a.candidateId, a.jobId), a.id);
  }

  // Importing the same file twice in update mode must not schedule the same interview twice.
  const existingInterviews = existingApplicationIds.size
    ? await queryRows<{ application_id: string; starts_at: Date }>(
        ctx.tx,
        sql`select application_id, starts_at from interviews where org_id = ${orgId} and application_id = any(${uuidArray([...existingApplicationIds])})`,
      )
    : [];
  const scheduled = new Set(existingInterviews.map((i) => `${i.application_id}:${new Date(i.starts_at).getTime()}`));
  const newInterviews = withJob.flatMap((r) => {
    const interview = r.write.interview;
    if (!interview) return [];
    const applicationId = applicationIdByPair.get(pair(candidateIdOf(r), jobIdOf(r)))!;
    if (scheduled.has(`${applicationId}:${interview.startsAt.getTime()}`)) return [];
    return [{ orgId, applicationId, candidateId: candidateIdOf(r), ...interview }];
  });
  for (const batch of chunks(newInterviews)) await ctx.tx.insert(interviews).values(batch);

  const skipped = analysis.rows.filter((r) => r.action === 'skip').map((r) => ({ row: r.row, reason: skipReason(r) }));
  const result = {
    created: toCreate.length,
    updated: toUpdate.length,
    skipped,
    jobsCreated: analysis.newJobs.length,
    applicationsCreated: newApplications.length,
    interviewsCreated: newInterviews.length,
  };
  await recordAudit(ctx, {
    action: 'candidate.import',
    targetType: 'candidate',
    after: { ...result, skipped: skipped.length, skippedRows: skipped.slice(0, 100).map((s) => s.row) },
  });
  return result;
}
