'use client';

import { analyticsSearchParams, formatDayLabel, type AnalyticsChart, type AnalyticsFilters } from '@/server/services/analytics/analytics-view';
import { UpdatingRegion, useUrlView } from '../agency/_shared/url-view';
import { trpc } from '@/app/_trpc/react';
import { FollowUpRateChart, ReplyTimeChart, SignalMixChart, TimeToFollowUpChart } from './charts';
import { AnalyticsFilterBar } from './filters';

/** The analytics page: filters in the URL, then four charts for exactly what they select. */
export function Analytics({ orgSlug, view }: { orgSlug: string; view: AnalyticsFilters }) {
  const { isPending, show } = useUrlView(analyticsSearchParams);
  const [options] = trpc.dashboard.options.useSuspenseQuery({ orgSlug });
  const [data] = trpc.analytics.get.useSuspenseQuery({ orgSlug, ...view });
  const query = analyticsSearchParams(view).toString();
  const csvHref = (chart: AnalyticsChart) => `/api/orgs/${orgSlug}/analytics/${chart}${query ? `?${query}` : ''}`;
  const props = { data, csvHref };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Analytics</h1>
        <p className="mt-1 text-sm text-slate-600">
          How candidates follow up after their interviews, how strongly, and how quickly your agency answers them, week by week.
        </p>
      </div>

      <AnalyticsFilterBar key={`${query}|${data.range.from}|${data.range.to}`} view={view} from={data.range.from} to={data.range.to} options={options} onChange={show} />

      <UpdatingRegion pending={isPending} className="space-y-6">
        <p className="text-sm text-slate-600" data-testid="analytics-range">
          From {formatDayLabel(data.range.from)} to {formatDayLabel(data.range.to)} ({data.range.weeks} {data.range.weeks === 1 ? 'week' : 'weeks'}, days in {data.timeZone})
          {data.range.custom ? '' : ', the last 12 weeks'}. Interviews count in the week they ended, touches in the week they happened.
        </p>
        <div className="grid gap-6 lg:grid-cols-2">
          <FollowUpRateChart {...props} />
          <TimeToFollowUpChart {...props} />
          <SignalMixChart {...props} />
          <ReplyTimeChart {...props} />
        </div>
      </UpdatingRegion>
    </div>
  );
}
