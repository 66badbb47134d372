import type { Metadata } from 'next';
import { Suspense } from 'react';
import { parseAnalyticsView } from '@/server/services/analytics/analytics-view';
import { requireWorkspace } from '../workspace';
import { Analytics } from './analytics';
import { api, HydrateClient } from '@/app/_trpc/server';
import { AnalyticsSkeleton } from './skeleton';

export const metadata: Metadata = { title: 'Analytics' };

export default async function AnalyticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org } = await params;
  const { membership } = await requireWorkspace(org);
  const orgSlug = membership.slug;
  const view = parseAnalyticsView(await searchParams);
  void api.dashboard.options.prefetch({ orgSlug });
  void api.analytics.get.prefetch({ orgSlug, ...view });
  return (
    <HydrateClient>
      <Suspense fallback={<AnalyticsSkeleton />}>
        <Analytics orgSlug={orgSlug} view={view} />
      </Suspense>
    </HydrateClient>
  );
}
