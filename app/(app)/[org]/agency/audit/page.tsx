import type { Metadata } from 'next';
import { api } from '@/app/_trpc/server';
import { agencyAccess, Prefetched, type AgencyPageProps } from '../_shared/server-page';
import { parseAuditFilters } from './audit-filters';
import { AuditLog, AuditLogForbidden, AuditLogSkeleton } from './audit-log';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditLogPage({ params, searchParams }: AgencyPageProps) {
  const { orgSlug, allowed } = await agencyAccess(params, 'audit.read');
  if (!allowed) return <AuditLogForbidden orgSlug={orgSlug} />;
  const filters = parseAuditFilters(await searchParams);
  void api.audit.actions.prefetch({ orgSlug });
  void api.org.overview.prefetch({ orgSlug });
  void api.audit.list.prefetchInfinite({ orgSlug, ...filters });
  return (
    <Prefetched fallback={<AuditLogSkeleton />}>
      <AuditLog orgSlug={orgSlug} filters={filters} />
    </Prefetched>
  );
}
