import type { ReactNode } from 'react';
import { Card } from '@/app/_components/ui';
import { AgencyPage, type AgencyPageHeading } from './agency-page-header';

/**
 * An admin-only agency page as other members see it: the same header, so they know where they are,
 * and why there is nothing more. `testId` marks the message for the end-to-end tests.
 */
export function AdminOnly({ orgSlug, heading, testId, children }: { orgSlug: string; heading: AgencyPageHeading; testId: string; children: ReactNode }) {
  return (
    <AgencyPage orgSlug={orgSlug} heading={heading}>
      <Card>
        <p className="text-sm text-slate-700" data-testid={testId}>
          {children}
        </p>
      </Card>
    </AgencyPage>
  );
}
