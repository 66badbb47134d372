import type { Metadata } from 'next';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { requireWorkspace } from '../workspace';
import { CandidatesList, CandidatesSkeleton } from './candidates-list';
import { candidateListInput, filtersFromSearchParams } from './filters';

export const metadata: Metadata = { title: 'Candidates' };

export default async function CandidatesPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org } = await params;
  const { user } = await requireWorkspace(org);
  const filters = filtersFromSearchParams(await searchParams);
  void api.org.overview.prefetch({ orgSlug: org });
  void api.candidate.list.prefetchInfinite(candidateListInput(org, filters));
  return (
    <HydrateClient>
      <Suspense fallback={<CandidatesSkeleton />}>
        <CandidatesList orgSlug={org} viewerUserId={user.id} initialFilters={filters} />
      </Suspense>
    </HydrateClient>
  );
}
