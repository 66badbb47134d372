import { Suspense, type ReactNode } from 'react';
import { HydrateClient } from '@/app/_trpc/server';
import { can, type Permission } from '@/server/auth/permissions';
import { requireWorkspace } from '../../workspace';
import type { SearchParams } from './date-range';

export interface AgencyPageProps {
  params: Promise<{ org: string }>;
  searchParams: Promise<SearchParams>;
}

/** The agency a page is for, and whether the viewer's role has the permission its content needs. */
export async function agencyAccess(params: AgencyPageProps['params'], permission: Permission) {
  const { org } = await params;
  const { membership } = await requireWorkspace(org);
  return { orgSlug: membership.slug, allowed: can(membership.role, permission) };
}

/** The queries a page prefetched, handed to its client content, which suspends behind `fallback` until they arrive. */
export function Prefetched({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  return (
    <HydrateClient>
      <Suspense fallback={fallback}>{children}</Suspense>
    </HydrateClient>
  );
}
