import type { Metadata } from 'next';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { parseDashboardView } from '@/server/services/dashboard/dashboard-query';
import { Dashboard } from './_dashboard/dashboard';
import { DashboardSkeleton } from './_dashboard/skeleton';
import { requireWorkspace } from './workspace';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org } = await params;
  const { membership } = await requireWorkspace(org);
  const orgSlug = membership.slug;
  const view = parseDashboardView(await searchParams);
  void api.dashboard.options.prefetch({ orgSlug });
  void api.dashboard.summary.prefetch({ orgSlug, ...view.filters });
  void api.dashboard.list.prefetchInfinite({ orgSlug, ...view.filters, sort: view.sort, order: view.order });
  return (
    <HydrateClient>
      <Suspense fallback={<DashboardSkeleton />}>
        <Dashboard orgSlug={orgSlug} view={view} />
      </Suspense>
    </HydrateClient>
  );
}
