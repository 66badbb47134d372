import { Breadcrumb } from '@/app/_components/ui';
import type { ReactNode } from 'react';

/** How an agency page names itself: its breadcrumb step, its h1 and the line that says what it is for. */
export interface AgencyPageHeading {
  crumb: string;
  title: string;
  intro: ReactNode;
}

/**
 * The breadcrumb, h1 and intro of an agency page; `children` adds lines under the intro. The
 * breadcrumb repeats what the layout's agency navigation marks as current, but it is part of what
 * these pages show (and what their tests read), so it stays until it is removed on purpose.
 */
export function AgencyPageHeader({ orgSlug, heading, children }: { orgSlug: string; heading: AgencyPageHeading; children?: ReactNode }) {
  return (
    <>
      <Breadcrumb parent={{ href: `/${orgSlug}/agency`, label: 'Agency' }} current={heading.crumb} />
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{heading.title}</h1>
        <p className="mt-1 text-sm text-slate-600">{heading.intro}</p>
        {children}
      </div>
    </>
  );
}

/** An agency page: its header (with `headerExtra` under the intro), then its sections, spaced alike on every page. */
export function AgencyPage({ orgSlug, heading, headerExtra, children }: { orgSlug: string; heading: AgencyPageHeading; headerExtra?: ReactNode; children: ReactNode }) {
  return (
    <div className="space-y-6">
      <AgencyPageHeader orgSlug={orgSlug} heading={heading}>
        {headerExtra}
      </AgencyPageHeader>
      {children}
    </div>
  );
}
