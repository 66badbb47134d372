/** The analytics page while it loads: header, filters and four chart cards, announced as busy. */
export function AnalyticsSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading analytics" className="animate-pulse space-y-6" data-testid="analytics-skeleton">
      <div className="space-y-2">
        <div className="h-8 w-40 rounded bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      </div>
      <div className="h-24 rounded-lg bg-slate-200" />
      <div className="grid gap-6 lg:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <div className="h-5 w-48 rounded bg-slate-200" />
            <div className="h-4 w-72 max-w-full rounded bg-slate-200" />
            <div className="h-60 rounded bg-slate-100" />
            <div className="h-4 w-32 rounded bg-slate-200" />
          </div>
        ))}
      </div>
    </div>
  );
}
