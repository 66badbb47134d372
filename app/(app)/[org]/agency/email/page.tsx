import type { Metadata } from 'next';
import { api } from '@/app/_trpc/server';
import { agencyAccess, Prefetched, type AgencyPageProps } from '../_shared/server-page';
import { EmailAdmin, EmailAdminSkeleton, EmailAdminForbidden } from './email-admin';

export const metadata: Metadata = { title: 'Email' };

export default async function AgencyEmailPage({ params }: Pick<AgencyPageProps, 'params'>) {
  const { orgSlug, allowed } = await agencyAccess(params, 'email.manage');
  if (!allowed) return <EmailAdminForbidden orgSlug={orgSlug} />;
  void api.email.unrouted.prefetch({ orgSlug });
  void api.email.suppressions.prefetch({ orgSlug });
  return (
    <Prefetched fallback={<EmailAdminSkeleton />}>
      <EmailAdmin orgSlug={orgSlug} />
    </Prefetched>
  );
}
