import type { Metadata } from 'next';
import { api } from '@/app/_trpc/server';
import { agencyAccess, Prefetched, type AgencyPageProps } from '../_shared/server-page';
import { parseResponsivenessRange } from './range-filters';
import { Responsiveness, ResponsivenessForbidden, ResponsivenessSkeleton } from './responsiveness';

export const metadata: Metadata = { title: 'Responsiveness' };

export default async function ResponsivenessPage({ params, searchParams }: AgencyPageProps) {
  const { orgSlug, allowed } = await agencyAccess(params, 'responsiveness.read');
  if (!allowed) return <ResponsivenessForbidden orgSlug={orgSlug} />;
  const range = parseResponsivenessRange(await searchParams);
  void api.responsiveness.get.prefetch({ orgSlug, ...range });
  return (
    <Prefetched fallback={<ResponsivenessSkeleton />}>
      <Responsiveness orgSlug={orgSlug} range={range} />
    </Prefetched>
  );
}
