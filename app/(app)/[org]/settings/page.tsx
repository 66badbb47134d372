import type { Metadata } from 'next';
import { api } from '@/app/_trpc/server';
import { Prefetched } from '../agency/_shared/server-page';
import { requireWorkspace } from '../workspace';
import { NotificationSettings } from './notification-settings';
import { NotificationSettingsSkeleton } from './skeleton';

export const metadata: Metadata = { title: 'Your notification settings' };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { membership } = await requireWorkspace(org);
  void api.notification.preferences.prefetch({ orgSlug: membership.slug });
  return (
    <Prefetched fallback={<NotificationSettingsSkeleton />}>
      <NotificationSettings orgSlug={membership.slug} agencyName={membership.name} />
    </Prefetched>
  );
}
