'use client';

import type { ReactNode } from 'react';
import { useHydrated } from '@/app/_components/time';
import { cx } from '@/app/_components/ui';
import { CHART_TITLES, type AnalyticsChart } from '@/server/services/analytics/analytics-view';

export interface LegendItem {
  label: string;
  color: string;
  /** A filled box for bars, a dashed line for a reference line. */
  shape: 'box' | 'dashed-line';
}

/** The chart's key in words, under the chart: colours are never the only way to tell series apart. */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul aria-label="Legend" className="mt-3 flex flex-wrap gap-x-5 gap-y-1.5 text-xs text-slate-700">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          {item.shape === 'box' ? (
            <span aria-hidden="true" className="inline-block size-3 rounded-sm" style={{ backgroundColor: item.color }} />
          ) : (
            <span aria-hidden="true" className="inline-block w-5 border-t-2 border-dashed" style={{ borderColor: item.color }} />
          )}
          {item.label}
        </li>
      ))}
    </ul>
  );
}

// Column headers may wrap ("Interviews ended"), so a table fits a half-width card; figures do not.
const thText = 'px-2.5 py-2 text-left align-bottom font-semibold';
const th = 'px-2.5 py-2 text-right align-bottom font-semibold';
export const td = 'px-2.5 py-2 text-right whitespace-nowrap tabular-nums';
export const rowHeader = 'px-2.5 py-2 text-left font-medium whitespace-nowrap text-slate-900';

/**
 * A real table with a caption and headers: the accessible alternative to the chart above it.
 * `columns[0]` heads the rows' own header cells; `total`, when given, is the footer row.
 */
export function ChartTable({
  id,
  caption,
  columns,
  children,
  total,
}: {
  id: string;
  caption: string;
  columns: [string, ...string[]];
  children: ReactNode;
  total?: { label: string; cells: ReactNode[] };
}) {
  const captionId = `${id}-caption`;
  const [rowsColumn, ...figureColumns] = columns;
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="mt-3 relative overflow-x-auto rounded-md ring-1 ring-slate-200">
      <table className="w-full border-collapse text-left text-sm">
        <caption id={captionId} className="px-2.5 pt-3 pb-2 text-left text-sm font-semibold text-slate-900">
          {caption}
        </caption>
        <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className={thText}>
              {rowsColumn}
            </th>
            {figureColumns.map((column) => (
              <th key={column} scope="col" className={th}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-800">{children}</tbody>
        {total ? (
          <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-semibold text-slate-900">
            <tr>
              <th scope="row" className="px-2.5 py-2 text-left">
                {total.label}
              </th>
              {total.cells.map((cell, i) => (
                // Cells in column order, fixed for the table's life: the index is their identity.
                <td key={i} className={td}>
                  {cell}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/**
 * One chart of the page: its heading and what it counts, then either the chart (an image named by
 * `summary`, its SVG hidden from assistive technology), its legend, a table view and a CSV
 * download, or the empty state. Charts draw in the browser only: their size comes from the page.
 */
export function ChartCard({
  chart,
  description,
  summary,
  csvHref,
  empty,
  emptyTitle,
  emptyText,
  legend,
  table,
  children,
}: {
  chart: AnalyticsChart;
  description: ReactNode;
  summary: string;
  csvHref: string;
  empty: boolean;
  emptyTitle: string;
  emptyText: ReactNode;
  legend?: ReactNode;
  table: ReactNode;
  children: ReactNode;
}) {
  const hydrated = useHydrated();
  const headingId = `chart-${chart}-heading`;
  const title = CHART_TITLES[chart];
  return (
    <section aria-labelledby={headingId} className="min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6" data-testid={`chart-${chart}`}>
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{description}</p>
      {empty ? (
        <div className="mt-4 rounded-md border border-dashed border-slate-300 px-4 py-10 text-center" data-testid={`chart-${chart}-empty`}>
          <p className="text-sm font-semibold text-slate-800">{emptyTitle}</p>
          <p className="mx-auto mt-1 max-w-sm text-sm text-slate-600">{emptyText}</p>
        </div>
      ) : (
        <>
          <div role="img" aria-label={summary} className="mt-4 h-64 w-full" data-testid={`chart-${chart}-image`}>
            <div aria-hidden="true" className={cx('h-full w-full', !hydrated && 'rounded bg-slate-50')}>
              {hydrated ? children : null}
            </div>
          </div>
          {legend}
          <details className="group mt-4" data-testid={`chart-${chart}-table`}>
            <summary className="inline-flex cursor-pointer items-center gap-1 rounded text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
              <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
                ▸
              </span>
              Show as table
            </summary>
            {table}
          </details>
          <p className="mt-3">
            <a href={csvHref} download className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800" data-testid={`chart-${chart}-csv`}>
              Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
            </a>
          </p>
        </>
      )}
    </section>
  );
}
