export function NotificationsSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading notifications" className="animate-pulse space-y-6">
      <div className="space-y-2">
        <div className="h-8 w-48 rounded bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      </div>
      <div className="space-y-px overflow-hidden rounded-lg">
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="h-20 bg-slate-200" />
        ))}
      </div>
    </div>
  );
}
