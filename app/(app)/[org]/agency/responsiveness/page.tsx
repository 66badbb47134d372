import type { Metadata } from 'next';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { can } from '@/server/auth/permissions';
import { requireWorkspace } from '../../workspace';
import { parseResponsivenessRange } from './range-filters';
import { Responsiveness, ResponsivenessForbidden, ResponsivenessSkeleton } from './responsiveness';

export const metadata: Metadata = { title: 'Responsiveness' };

export default async function ResponsivenessPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org } = await params;
  const { membership } = await requireWorkspace(org);
  const orgSlug = membership.slug;
  if (!can(membership.role, 'responsiveness.read')) return <ResponsivenessForbidden orgSlug={orgSlug} />;
  const range = parseResponsivenessRange(await searchParams);
  void api.responsiveness.get.prefetch({ orgSlug, ...range });
  return (
    <HydrateClient>
      <Suspense fallback={<ResponsivenessSkeleton />}>
        <Responsiveness orgSlug={orgSlug} range={range} />
      </Suspense>
    </HydrateClient>
  );
}
