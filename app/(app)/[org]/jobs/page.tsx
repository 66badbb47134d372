import type { Metadata } from 'next';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { requireWorkspace } from '../workspace';
import { JobsList, JobsSkeleton } from './jobs-list';

export const metadata: Metadata = { title: 'Jobs' };

export default async function JobsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await params;
  const { user } = await requireWorkspace(org);
  const includeArchived = (await searchParams).archived === '1';
  void api.org.overview.prefetch({ orgSlug: org });
  void api.job.list.prefetch({ orgSlug: org, includeArchived });
  return (
    <HydrateClient>
      <Suspense fallback={<JobsSkeleton />}>
        <JobsList orgSlug={org} viewerUserId={user.id} initialArchived={includeArchived} />
      </Suspense>
    </HydrateClient>
  );
}
