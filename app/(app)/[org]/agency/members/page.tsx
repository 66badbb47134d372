import type { Metadata } from 'next';
import { api } from '@/app/_trpc/server';
import { agencyAccess, Prefetched, type AgencyPageProps } from '../_shared/server-page';
import { MembersAdmin, MembersAdminSkeleton, MembersForbidden } from './members-admin';

export const metadata: Metadata = { title: 'Members' };

export default async function AgencyMembersPage({ params }: Pick<AgencyPageProps, 'params'>) {
  const { orgSlug, allowed } = await agencyAccess(params, 'member.invite');
  if (!allowed) return <MembersForbidden orgSlug={orgSlug} />;
  void api.org.overview.prefetch({ orgSlug });
  void api.invitation.list.prefetch({ orgSlug });
  return (
    <Prefetched fallback={<MembersAdminSkeleton />}>
      <MembersAdmin orgSlug={orgSlug} />
    </Prefetched>
  );
}
