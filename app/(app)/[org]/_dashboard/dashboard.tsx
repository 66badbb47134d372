'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button, Card, cx } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import {
  DEFAULT_ORDER,
  EXPORT_ROW_LIMIT,
  hasFilters,
  viewSearchParams,
  type DashboardFilters,
  type DashboardSort,
  type DashboardView,
} from '@/server/services/dashboard/dashboard-view';
import { DashboardFilterBar } from './filters';
import { InterviewTable } from './interview-table';
import { SummaryCards } from './summary';

const exportFormat = new Intl.NumberFormat('en-US');

export function Dashboard({ orgSlug, view }: { orgSlug: string; view: DashboardView }) {
  const router = useRouter();
  const pathname = usePathname();
  const [isPending, startTransition] = useTransition();

  const [options] = trpc.dashboard.options.useSuspenseQuery({ orgSlug });
  const [summary] = trpc.dashboard.summary.useSuspenseQuery({ orgSlug, ...view.filters });
  const [list, listQuery] = trpc.dashboard.list.useSuspenseInfiniteQuery(
    { orgSlug, ...view.filters, sort: view.sort, order: view.order },
    { getNextPageParam: (page) => page.nextCursor },
  );
  const rows = list.pages.flatMap((page) => page.items);
  const query = viewSearchParams(view).toString();

  // The URL is the view: replacing it re-renders the page with the new filters, and the list
  // starts again from its first page because its cursor belongs to the old query.
  function show(next: DashboardView) {
    const qs = viewSearchParams(next).toString();
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  }
  const setFilters = (filters: DashboardFilters) => show({ ...view, filters });
  const setSort = (sort: DashboardSort) =>
    show({ ...view, sort, order: sort === view.sort ? (view.order === 'asc' ? 'desc' : 'asc') : DEFAULT_ORDER[sort] });

  const filtered = hasFilters(view.filters);
  const exportHref = `/api/orgs/${orgSlug}/dashboard.csv${query ? `?${query}` : ''}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">Dashboard</h1>
          <p className="mt-1 text-sm text-slate-600">
            Who followed up after each interview, how fast and how strongly, and who stayed silent after {options.settings.followUpWindowDays} days.
          </p>
        </div>
        <div className="flex flex-col items-start gap-1 sm:items-end">
          {/* A POST, not a link: the export is audited, and no other site may start one. The
              response is an attachment, so the browser downloads it and stays on this page. */}
          <form method="post" action={exportHref} data-testid="dashboard-export">
            <button
              type="submit"
              className="inline-flex min-h-10 items-center justify-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Export CSV
            </button>
          </form>
          <p className="text-xs text-slate-600">
            {summary.total > EXPORT_ROW_LIMIT
              ? `Only the first ${exportFormat.format(EXPORT_ROW_LIMIT)} of ${exportFormat.format(summary.total)} rows are exported.`
              : `This view, up to ${exportFormat.format(EXPORT_ROW_LIMIT)} rows.`}
          </p>
        </div>
      </div>

      <DashboardFilterBar key={query} filters={view.filters} options={options} onChange={setFilters} />

      <div aria-busy={isPending} className={cx('space-y-6 transition-opacity', isPending && 'opacity-60')}>
        <SummaryCards summary={summary} windowDays={options.settings.followUpWindowDays} />

        {rows.length === 0 ? (
          <Card className="text-center">
            <h2 className="text-base font-semibold text-slate-900">{filtered ? 'No interviews match these filters' : 'No interviews yet'}</h2>
            <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
              {filtered
                ? 'Try a wider date range or another team, job or owner.'
                : 'When interviews are added to your jobs, you will see here which candidates followed up afterwards.'}
            </p>
            {filtered ? (
              <Button type="button" variant="secondary" className="mt-4" onClick={() => setFilters({ followedUp: 'all' })}>
                Clear filters
              </Button>
            ) : null}
          </Card>
        ) : (
          <>
            <InterviewTable rows={rows} orgSlug={orgSlug} timeZone={options.settings.timeZone} sort={view.sort} order={view.order} onSort={setSort} />
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-slate-600" role="status">
                Showing {rows.length} of {summary.total} {summary.total === 1 ? 'interview' : 'interviews'}
              </p>
              {listQuery.hasNextPage ? (
                <Button type="button" variant="secondary" onClick={() => void listQuery.fetchNextPage()} disabled={listQuery.isFetchingNextPage}>
                  {listQuery.isFetchingNextPage ? 'Loading…' : 'Show more'}
                </Button>
              ) : null}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
