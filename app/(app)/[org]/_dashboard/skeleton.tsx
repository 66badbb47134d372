export function DashboardSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the dashboard" className="animate-pulse space-y-6">
      <div className="space-y-2">
        <div className="h-8 w-48 rounded bg-slate-200" />
        <div className="h-4 w-80 max-w-full rounded bg-slate-200" />
      </div>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-24 rounded-lg bg-slate-200" />
        ))}
      </div>
      <div className="h-28 rounded-lg bg-slate-200" />
      <div className="space-y-px overflow-hidden rounded-lg">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <div key={i} className="h-14 bg-slate-200" />
        ))}
      </div>
    </div>
  );
}
