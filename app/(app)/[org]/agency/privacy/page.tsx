import type { Metadata } from 'next';
import { can } from '@/server/auth/permissions';
import { privacyRouter } from '@/server/routers/privacy.router';
import { createContextForUser } from '@/server/trpc/context';
import { createCallerFactory } from '@/server/trpc/init';
import { requireWorkspace } from '../../workspace';
import { PrivacySettings } from './privacy-settings';

export const metadata: Metadata = { title: 'Data protection' };

const createPrivacyCaller = createCallerFactory(privacyRouter);

export default async function AgencyPrivacyPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user, membership } = await requireWorkspace(org);
  // Through the procedure (membership, permission, tenant transaction), like every other read.
  const { retentionMonths } = await createPrivacyCaller(createContextForUser(user.id)).retention({ orgSlug: membership.slug });
  return <PrivacySettings orgSlug={membership.slug} retentionMonths={retentionMonths} canManage={can(membership.role, 'org.update')} canErase={can(membership.role, 'candidate.erase')} />;
}
