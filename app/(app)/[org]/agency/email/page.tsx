import type { Metadata } from 'next';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { can } from '@/server/auth/permissions';
import { requireWorkspace } from '../../workspace';
import { EmailAdmin, EmailAdminSkeleton, EmailAdminForbidden } from './email-admin';

export const metadata: Metadata = { title: 'Email' };

export default async function AgencyEmailPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { membership } = await requireWorkspace(org);
  if (!can(membership.role, 'email.manage')) return <EmailAdminForbidden orgSlug={membership.slug} />;
  void api.email.unrouted.prefetch({ orgSlug: membership.slug });
  void api.email.suppressions.prefetch({ orgSlug: membership.slug });
  return (
    <HydrateClient>
      <Suspense fallback={<EmailAdminSkeleton />}>
        <EmailAdmin orgSlug={membership.slug} />
      </Suspense>
    </HydrateClient>
  );
}
