import type { ReactNode } from 'react';

/** An agency page while it loads, announced as busy under `label`. */
export function PageSkeleton({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div aria-busy="true" aria-label={label} className="animate-pulse space-y-6">
      {children}
    </div>
  );
}

/** Stands in for AgencyPageHeader: breadcrumb, h1 and, with `intro`, the intro line; widths follow the page's own. */
export function HeaderSkeleton({ crumbWidth = 'w-40', titleWidth = 'w-64', intro = false }: { crumbWidth?: string; titleWidth?: string; intro?: boolean }) {
  const title = <div className={`h-8 ${titleWidth} rounded bg-slate-200`} />;
  return (
    <>
      <div className={`h-5 ${crumbWidth} rounded bg-slate-200`} />
      {intro ? (
        <div className="space-y-2">
          {title}
          <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
        </div>
      ) : (
        title
      )}
    </>
  );
}

/** Two cards side by side on wide screens, as the overview and the members page lay them out. */
export function CardPairSkeleton({ height }: { height: string }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className={`${height} rounded-lg bg-slate-200`} />
      <div className={`${height} rounded-lg bg-slate-200`} />
    </div>
  );
}
