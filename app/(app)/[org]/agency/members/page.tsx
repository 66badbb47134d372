import type { Metadata } from 'next';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { can } from '@/server/auth/permissions';
import { requireWorkspace } from '../../workspace';
import { MembersAdmin, MembersAdminSkeleton, MembersForbidden } from './members-admin';

export const metadata: Metadata = { title: 'Members' };

export default async function AgencyMembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { membership } = await requireWorkspace(org);
  if (!can(membership.role, 'member.invite')) return <MembersForbidden orgSlug={membership.slug} />;
  void api.org.overview.prefetch({ orgSlug: membership.slug });
  void api.invitation.list.prefetch({ orgSlug: membership.slug });
  return (
    <HydrateClient>
      <Suspense fallback={<MembersAdminSkeleton />}>
        <MembersAdmin orgSlug={membership.slug} />
      </Suspense>
    </HydrateClient>
  );
}
