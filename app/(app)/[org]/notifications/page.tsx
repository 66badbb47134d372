import type { Metadata } from 'next';
import { api } from '@/app/_trpc/server';
import { Prefetched } from '../agency/_shared/server-page';
import { requireWorkspace } from '../workspace';
import { NotificationsList } from './notifications-list';
import { NotificationsSkeleton } from './skeleton';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { membership } = await requireWorkspace(org);
  void api.notification.list.prefetchInfinite({ orgSlug: membership.slug });
  return (
    <Prefetched fallback={<NotificationsSkeleton />}>
      <NotificationsList orgSlug={membership.slug} />
    </Prefetched>
  );
}
