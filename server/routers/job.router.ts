import { createTRPCRouter, permissionProcedure } from '@/server/trpc/init';
import { archiveJob, createJob, updateJob, ZArchiveJobInput, ZCreateJobInput, ZUpdateJobInput } from '@/server/services/jobs/create-job';
import { getJob, listJobs, ZGetJobInput, ZListJobsInput } from '@/server/services/jobs/list-jobs';

export const jobRouter = createTRPCRouter({
  list: permissionProcedure('job.read').input(ZListJobsInput).query(({ ctx, input }) => listJobs(ctx, input)),
  get: permissionProcedure('job.read').input(ZGetJobInput).query(({ ctx, input }) => getJob(ctx, input)),
  create: permissionProcedure('job.write').input(ZCreateJobInput).mutation(({ ctx, input }) => createJob(ctx, input)),
  update: permissionProcedure('job.write').input(ZUpdateJobInput).mutation(({ ctx, input }) => updateJob(ctx, input)),
  archive: permissionProcedure('job.write').input(ZArchiveJobInput).mutation(({ ctx, input }) => archiveJob(ctx, input)),
});
