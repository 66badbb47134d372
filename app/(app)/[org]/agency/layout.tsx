import type { ReactNode } from 'react';
import { AgencyNav } from './agency-nav';

/** Every agency page (overview, members, audit log, responsiveness, email, data protection) shares one navigation. */
export default async function AgencyLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <div className="space-y-6">
      <AgencyNav orgSlug={org} />
      {children}
    </div>
  );
}
