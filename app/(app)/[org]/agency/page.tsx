import type { Metadata } from 'next';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { requireWorkspace } from '../workspace';
import { OrgOverview, OrgOverviewSkeleton } from './org-overview';

export const metadata: Metadata = { title: 'Agency' };

export default async function OrgPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user } = await requireWorkspace(org);
  void api.org.overview.prefetch({ orgSlug: org });
  return (
    <HydrateClient>
      <Suspense fallback={<OrgOverviewSkeleton />}>
        <OrgOverview orgSlug={org} viewerUserId={user.id} />
      </Suspense>
    </HydrateClient>
  );
}
