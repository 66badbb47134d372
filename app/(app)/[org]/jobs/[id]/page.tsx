import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { requireWorkspace } from '../../workspace';
import { JobSkeleton, JobView } from './job-view';

export const metadata: Metadata = { title: 'Job' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function JobPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const { user } = await requireWorkspace(org);
  if (!UUID.test(id)) notFound();
  const jobId = id.toLowerCase();
  void api.org.overview.prefetch({ orgSlug: org });
  void api.job.get.prefetch({ orgSlug: org, jobId });
  return (
    <HydrateClient>
      <Suspense fallback={<JobSkeleton />}>
        <JobView orgSlug={org} jobId={jobId} viewerUserId={user.id} />
      </Suspense>
    </HydrateClient>
  );
}
