import type { Metadata } from 'next';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { can } from '@/server/auth/permissions';
import { requireWorkspace } from '../../workspace';
import { parseAuditFilters } from './audit-filters';
import { AuditLog, AuditLogForbidden, AuditLogSkeleton } from './audit-log';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org } = await params;
  const { membership } = await requireWorkspace(org);
  const orgSlug = membership.slug;
  if (!can(membership.role, 'audit.read')) return <AuditLogForbidden orgSlug={orgSlug} />;
  const filters = parseAuditFilters(await searchParams);
  void api.audit.actions.prefetch({ orgSlug });
  void api.org.overview.prefetch({ orgSlug });
  void api.audit.list.prefetchInfinite({ orgSlug, ...filters });
  return (
    <HydrateClient>
      <Suspense fallback={<AuditLogSkeleton />}>
        <AuditLog orgSlug={orgSlug} filters={filters} />
      </Suspense>
    </HydrateClient>
  );
}
