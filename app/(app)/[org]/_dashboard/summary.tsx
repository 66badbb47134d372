import type { DashboardSummary } from '@/server/services/dashboard/dashboard-query';

function share(part: number, total: number) {
  return total === 0 ? null : `${Math.round((part / total) * 100)}% of ${total}`;
}

export function SummaryCards({ summary, windowDays }: { summary: DashboardSummary; windowDays: number }) {
  const cards = [
    { label: 'Followed up', value: String(summary.followedUp), note: share(summary.followedUp, summary.total) ?? 'No interviews', accent: 'border-emerald-600' },
    {
      label: 'Waiting',
      value: String(summary.waiting),
      note: summary.upcoming > 0 ? `Window open · ${summary.upcoming} not held yet` : `Within the ${windowDays}-day window`,
      accent: 'border-amber-500',
    },
    { label: 'Silent', value: String(summary.silent), note: `No follow-up after ${windowDays} days`, accent: 'border-red-600' },
    {
      label: 'Median time to follow up',
      value: summary.medianLatencyLabel ?? '—',
      note: summary.followedUp === 0 ? 'Nobody has followed up yet' : `Across ${summary.followedUp} follow-ups`,
      accent: 'border-brand-600',
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="dashboard-summary">
      {cards.map((card) => (
        <div key={card.label} className={`rounded-lg border-l-4 bg-white p-4 shadow-sm ring-1 ring-slate-200 ${card.accent}`}>
          <dt className="text-sm font-medium text-slate-600">{card.label}</dt>
          <dd className="mt-1 text-2xl font-bold tracking-tight text-slate-900">{card.value}</dd>
          <dd className="mt-1 text-xs text-slate-600">{card.note}</dd>
        </div>
      ))}
    </dl>
  );
}
