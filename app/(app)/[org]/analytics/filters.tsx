'use client';

import { useId, useState } from 'react';
import { ScopeSelects, type ScopeOptions } from '@/app/_components/scope-selects';
import { Button } from '@/app/_components/ui';
import { hasAnalyticsFilters, rangeProblem, type AnalyticsFilters } from '@/server/services/analytics/analytics-view';
import { controlClass } from '../agency/_shared/controls';
import { DateRangeFields } from '../agency/_shared/date-range-fields';
import { AlertLine } from '../agency/_shared/status-lines';

export type AnalyticsOptions = ScopeOptions;

/**
 * The analytics filters. A pick goes straight to the URL (the page reads its view from there); a
 * range goes once both days are set and it is in order and at most a year long, else it stays here
 * with an explanation. `from` and `to` are the days the page shows (the default ones included).
 */
export function AnalyticsFilterBar({
  view,
  from,
  to,
  options,
  onChange,
}: {
  view: AnalyticsFilters;
  from: string;
  to: string;
  options: AnalyticsOptions;
  onChange: (next: AnalyticsFilters) => void;
}) {
  const [draftFrom, setDraftFrom] = useState(from);
  const [draftTo, setDraftTo] = useState(to);
  const [error, setError] = useState<string | null>(null);
  const ids = { from: useId(), to: useId(), error: useId() };

  const apply = (patch: Partial<AnalyticsFilters>) => onChange({ ...view, ...patch });
  const custom = Boolean(view.from || view.to);

  function changeDates(nextFrom: string, nextTo: string) {
    setDraftFrom(nextFrom);
    setDraftTo(nextTo);
    if (!nextFrom || !nextTo) {
      setError('Choose both a start and an end date.');
      return;
    }
    const problem = rangeProblem(nextFrom, nextTo);
    setError(problem);
    if (!problem) apply({ from: nextFrom, to: nextTo });
  }

  return (
    <form role="search" aria-label="Filter analytics" onSubmit={(e) => e.preventDefault()} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="analytics-filters">
      <div className="grid gap-4 sm:grid-cols-3">
        <ScopeSelects options={options} value={view} apply={apply} className={controlClass} />
      </div>
      <fieldset className="mt-4">
        <legend className="text-sm font-medium text-slate-800">Period</legend>
        <div className="mt-1.5 flex flex-wrap items-end gap-3">
          <DateRangeFields layout="compact" from={draftFrom} to={draftTo} onChange={changeDates} ids={ids} error={error} />
          {custom ? (
            <Button type="button" variant="ghost" onClick={() => apply({ from: undefined, to: undefined })}>
              Last 12 weeks
            </Button>
          ) : null}
          {hasAnalyticsFilters(view) ? (
            <Button type="button" variant="ghost" onClick={() => onChange({})}>
              Clear filters
            </Button>
          ) : null}
        </div>
        <AlertLine id={ids.error} className="mt-2" message={error} testId="analytics-range-error" />
      </fieldset>
    </form>
  );
}
