import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { requireWorkspace } from '../../workspace';
import { CandidateSkeleton, CandidateView } from './candidate-view';
import { timelineInput } from './timeline-input';

export const metadata: Metadata = { title: 'Candidate' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CandidatePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const { user } = await requireWorkspace(org);
  if (!UUID.test(id)) notFound();
  const candidateId = id.toLowerCase();
  void api.org.overview.prefetch({ orgSlug: org });
  void api.candidate.get.prefetch({ orgSlug: org, candidateId });
  void api.touch.timeline.prefetchInfinite(timelineInput(org, candidateId));
  void api.portal.links.prefetch({ orgSlug: org, candidateId });
  return (
    <HydrateClient>
      <Suspense fallback={<CandidateSkeleton />}>
        <CandidateView orgSlug={org} candidateId={candidateId} viewerUserId={user.id} />
      </Suspense>
    </HydrateClient>
  );
}
