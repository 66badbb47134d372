'use client';

import { useId, useState } from 'react';
import { FilterSelect, ScopeSelects, type ScopeOptions } from '@/app/_components/scope-selects';
import { Button, cx } from '@/app/_components/ui';
import { hasFilters, type DashboardFilters, type FollowedUpChoice } from '@/server/services/dashboard/dashboard-view';
import { STAGE_LABELS } from './labels';

export type DashboardOptions = ScopeOptions;

const controlClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 sm:text-sm';

const FOLLOWED_UP_LABELS: Record<FollowedUpChoice, string> = { all: 'All', yes: 'Yes', no: 'No' };

/**
 * The dashboard's filters. Every change goes straight to the URL (the page reads its view from
 * there), except a date range that ends before it starts, which stays here with an explanation.
 */
export function DashboardFilterBar({
  filters,
  options,
  onChange,
}: {
  filters: DashboardFilters;
  options: DashboardOptions;
  onChange: (next: DashboardFilters) => void;
}) {
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const [rangeError, setRangeError] = useState<string | null>(null);
  // On a phone the filters would push the results below the fold: they fold away behind a toggle.
  const [expanded, setExpanded] = useState(false);
  const errorId = useId();
  const panelId = useId();
  const activeCount = [filters.teamId, filters.jobId, filters.ownerId, filters.stage, filters.from, filters.to, filters.followedUp !== 'all' ? filters.followedUp : undefined].filter(Boolean).length;

  const apply = (patch: Partial<DashboardFilters>) => onChange({ ...filters, ...patch });

  function changeDates(nextFrom: string, nextTo: string) {
    setFrom(nextFrom);
    setTo(nextTo);
    if (nextFrom && nextTo && nextFrom > nextTo) {
      setRangeError('The end date must be on or after the start date.');
      return;
    }
    setRangeError(null);
    apply({ from: nextFrom || undefined, to: nextTo || undefined });
  }

  return (
    <form role="search" aria-label="Filter interviews" onSubmit={(e) => e.preventDefault()} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={panelId}
        onClick={() => setExpanded((v) => !v)}
        className="flex w-full items-center justify-between text-sm font-semibold text-slate-800 sm:hidden"
      >
        <span>Filters{activeCount > 0 ? ` (${activeCount} active)` : ''}</span>
        <span aria-hidden="true">{expanded ? '▴' : '▾'}</span>
      </button>
      <div id={panelId} className={cx('gap-4 sm:grid sm:grid-cols-2 lg:grid-cols-4', expanded ? 'mt-4 grid' : 'hidden')}>
        <ScopeSelects options={options} value={filters} apply={apply} className={controlClass} />
        <FilterSelect
          label="Stage"
          className={controlClass}
          value={filters.stage ?? ''}
          onChange={(stage) => apply({ stage: options.stages.find((s) => s === stage) })}
        >
          <option value="">All stages</option>
          {options.stages.map((s) => (
            <option key={s} value={s}>
              {STAGE_LABELS[s]}
            </option>
          ))}
        </FilterSelect>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-800">Interview ended</legend>
          <div className="mt-1.5 grid grid-cols-2 gap-3">
            <label className="block">
              <span className="mb-1 block text-xs text-slate-600">From</span>
              <input
                type="date"
                value={from}
                max={to || undefined}
                onChange={(e) => changeDates(e.target.value, to)}
                aria-invalid={rangeError ? true : undefined}
                aria-describedby={rangeError ? errorId : undefined}
                className={controlClass}
              />
            </label>
            <label className="block">
              <span className="mb-1 block text-xs text-slate-600">To</span>
              <input
                type="date"
                value={to}
                min={from || undefined}
                onChange={(e) => changeDates(from, e.target.value)}
                aria-invalid={rangeError ? true : undefined}
                aria-describedby={rangeError ? errorId : undefined}
                className={controlClass}
              />
            </label>
          </div>
          {rangeError ? (
            <p id={errorId} role="alert" className="mt-1.5 text-sm text-red-700">
              {rangeError}
            </p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Followed up</legend>
          <div className="mt-1.5 inline-flex rounded-md shadow-sm ring-1 ring-inset ring-slate-300">
            {(Object.keys(FOLLOWED_UP_LABELS) as FollowedUpChoice[]).map((choice, index) => (
              <label
                key={choice}
                className={cx(
                  'relative cursor-pointer px-4 py-2 text-sm font-medium focus-within:z-10 focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-600',
                  index === 0 && 'rounded-l-md',
                  index === 2 && 'rounded-r-md',
                  filters.followedUp === choice ? 'bg-brand-700 text-white' : 'bg-white text-slate-800 hover:bg-slate-50',
                )}
              >
                <input
                  type="radio"
                  name="followedUp"
                  value={choice}
                  checked={filters.followedUp === choice}
                  onChange={() => apply({ followedUp: choice })}
                  className="sr-only"
                />
                {FOLLOWED_UP_LABELS[choice]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex items-end">
          {hasFilters(filters) ? (
            <Button type="button" variant="ghost" onClick={() => onChange({ followedUp: 'all' })}>
              Clear filters
            </Button>
          ) : null}
        </div>
      </div>
    </form>
  );
}
