import type { Metadata } from 'next';
import { api } from '@/app/_trpc/server';
import { requireWorkspace } from '../workspace';
import { Prefetched } from './_shared/server-page';
import { OrgOverview, OrgOverviewSkeleton } from './org-overview';

export const metadata: Metadata = { title: 'Agency' };

export default async function OrgPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user } = await requireWorkspace(org);
  void api.org.overview.prefetch({ orgSlug: org });
  return (
    <Prefetched fallback={<OrgOverviewSkeleton />}>
      <OrgOverview orgSlug={org} viewerUserId={user.id} />
    </Prefetched>
  );
}
