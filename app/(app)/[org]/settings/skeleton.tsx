export function NotificationSettingsSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading your notification settings" className="mx-auto max-w-2xl animate-pulse space-y-6">
      <div className="space-y-2">
        <div className="h-8 w-80 max-w-full rounded bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      </div>
      <div className="h-72 rounded-lg bg-slate-200" />
    </div>
  );
}
