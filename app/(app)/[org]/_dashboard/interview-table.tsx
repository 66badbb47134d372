'use client';

import Link from 'next/link';
import { cx } from '@/app/_components/ui';
import type { DashboardRow } from '@/server/services/dashboard/dashboard-query';
import type { DashboardSort, SortOrder } from '@/server/services/dashboard/dashboard-view';
import { StatusPill, StrengthPill } from './badges';
import { formatDateTime, formatDay } from './dates';
import { STAGE_LABELS } from './labels';

const KIND_LABELS: Record<DashboardRow['interviewKind'], string> = { phone: 'Phone interview', video: 'Video interview', onsite: 'On-site interview' };

function SortHeader({
  label,
  sort,
  current,
  order,
  onSort,
  className,
}: {
  label: string;
  sort: DashboardSort;
  current: DashboardSort;
  order: SortOrder;
  onSort: (sort: DashboardSort) => void;
  className?: string;
}) {
  const active = sort === current;
  return (
    <th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} className={cx('px-3 py-2', className)}>
      <button
        type="button"
        onClick={() => onSort(sort)}
        className={cx('-mx-1 inline-flex items-center gap-1 rounded px-1 py-1 text-left font-semibold hover:bg-slate-100', active ? 'text-slate-900' : 'text-slate-700')}
      >
        {label}
        <span aria-hidden="true" className={cx('text-xs', active ? 'text-brand-700' : 'text-slate-400')}>
          {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/**
 * One row per interview. On narrow screens the table scrolls sideways inside a focusable region,
 * so keyboard users can scroll it too, while the candidate column stays pinned.
 */
export function InterviewTable({
  rows,
  orgSlug,
  timeZone,
  sort,
  order,
  onSort,
}: {
  rows: DashboardRow[];
  orgSlug: string;
  timeZone: string;
  sort: DashboardSort;
  order: SortOrder;
  onSort: (sort: DashboardSort) => void;
}) {
  const header = { current: sort, order, onSort };
  return (
    <div role="region" aria-labelledby="interviews-caption" tabIndex={0} className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full min-w-[60rem] border-collapse text-left text-sm">
        <caption id="interviews-caption" className="sr-only">
          Interviews and their follow-ups
        </caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            <SortHeader label="Candidate" sort="candidate" {...header} className="sticky left-0 z-10 bg-slate-50" />
            <th scope="col" className="px-3 py-2 font-semibold">
              Job
            </th>
            <SortHeader label="Interview ended" sort="ended" {...header} />
            <th scope="col" className="px-3 py-2 font-semibold">
              Followed up?
            </th>
            <SortHeader label="Time to follow up" sort="latency" {...header} />
            <th scope="col" className="px-3 py-2 font-semibold">
              Strongest signal
            </th>
            <SortHeader label="Score" sort="score" {...header} className="text-right" />
            <th scope="col" className="px-3 py-2 font-semibold">
              Owner
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.interviewId} className="align-top hover:bg-slate-50">
              <th scope="row" className="sticky left-0 bg-white px-3 py-3 text-left font-normal">
                <Link href={`/${orgSlug}/candidates/${row.candidateId}`} className="font-medium text-brand-700 hover:underline">
                  {row.candidateName}
                </Link>
                <span className="block text-xs text-slate-600">{KIND_LABELS[row.interviewKind]}</span>
              </th>
              <td className="px-3 py-3">
                <span className="block font-medium text-slate-900">{row.jobTitle}</span>
                <span className="block text-xs text-slate-600">
                  {row.clientCompany} · {STAGE_LABELS[row.stage]}
                </span>
              </td>
              <td className="whitespace-nowrap px-3 py-3 text-slate-700">
                <time dateTime={row.endsAt.toISOString()}>{formatDateTime(row.endsAt, timeZone)}</time>
              </td>
              <td className="px-3 py-3">
                <StatusPill status={row.status} upcoming={row.upcoming} />
                {row.upcoming ? (
                  <span className="mt-1 block text-xs text-slate-600">not held yet</span>
                ) : row.status === 'waiting' ? (
                  <span className="mt-1 block text-xs text-slate-600">
                    window open until <time dateTime={row.windowEndsAt.toISOString()}>{formatDay(row.windowEndsAt, timeZone)}</time>
                  </span>
                ) : null}
              </td>
              <td className="whitespace-nowrap px-3 py-3 text-slate-700">
                {row.latencyLabel && row.followedUpAt ? (
                  <span title={`Followed up ${formatDateTime(row.followedUpAt, timeZone)}`}>{row.latencyLabel}</span>
                ) : (
                  <span className="text-slate-500">
                    <span aria-hidden="true">—</span>
                    <span className="sr-only">not followed up</span>
                  </span>
                )}
              </td>
              <td className="px-3 py-3">
                <StrengthPill tier={row.strength} kindLabel={row.strongestLabel} />
              </td>
              <td className="px-3 py-3 text-right font-medium tabular-nums text-slate-900">{row.scorePoints}</td>
              <td className="px-3 py-3 text-slate-700">{row.ownerName ?? <span className="text-slate-500">Unassigned</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
