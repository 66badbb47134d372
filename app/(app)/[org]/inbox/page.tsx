import type { Metadata } from 'next';
import { Suspense } from 'react';
import { api, HydrateClient } from '@/app/_trpc/server';
import { requireWorkspace } from '../workspace';
import { RepliesOwed } from './replies-owed';
import { RepliesOwedSkeleton } from './skeleton';

export const metadata: Metadata = { title: 'Replies owed' };

export default async function InboxPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { membership } = await requireWorkspace(org);
  void api.dashboard.inbox.prefetchInfinite({ orgSlug: membership.slug });
  return (
    <HydrateClient>
      <Suspense fallback={<RepliesOwedSkeleton />}>
        <RepliesOwed orgSlug={membership.slug} />
      </Suspense>
    </HydrateClient>
  );
}
