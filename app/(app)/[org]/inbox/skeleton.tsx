export function RepliesOwedSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading replies owed" className="animate-pulse space-y-6">
      <div className="space-y-2">
        <div className="h-8 w-56 rounded bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      </div>
      <div className="space-y-3">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-32 rounded-lg bg-slate-200" />
        ))}
      </div>
    </div>
  );
}
