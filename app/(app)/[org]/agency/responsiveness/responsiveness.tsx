'use client';

import { useId, useState } from 'react';
import { formatDuration } from '@/app/_components/format';
import { Button, cx } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import type { ResponsivenessFigures } from '@/server/services/responsiveness/get-responsiveness';
import { AdminOnly } from '../_shared/admin-only';
import { AgencyPage, type AgencyPageHeading } from '../_shared/agency-page-header';
import { DateRangeFields } from '../_shared/date-range-fields';
import { EmptyStateCard } from '../_shared/empty-state';
import { HeaderSkeleton, PageSkeleton } from '../_shared/page-skeleton';
import { AlertLine } from '../_shared/status-lines';
import { UpdatingRegion, useUrlView } from '../_shared/url-view';
import { formatIsoDay, rangeProblem, rangeSearchParams, type ResponsivenessRange } from './range-filters';

const HEADING: AgencyPageHeading = {
  crumb: 'Responsiveness',
  title: 'Responsiveness',
  intro: 'How quickly your agency answers candidates’ questions and email replies, by recruiter and by team.',
};

export function ResponsivenessSkeleton() {
  return (
    <PageSkeleton label="Loading responsiveness">
      <HeaderSkeleton crumbWidth="w-48" titleWidth="w-56" intro />
      <div className="h-24 rounded-lg bg-slate-200" />
      <div className="h-56 rounded-lg bg-slate-200" />
      <div className="h-48 rounded-lg bg-slate-200" />
    </PageSkeleton>
  );
}

export function ResponsivenessForbidden({ orgSlug }: { orgSlug: string }) {
  return (
    <AdminOnly orgSlug={orgSlug} heading={HEADING} testId="responsiveness-forbidden">
      Only owners and admins can see how responsive recruiters and teams are.
    </AdminOnly>
  );
}

export function Responsiveness({ orgSlug, range }: { orgSlug: string; range: ResponsivenessRange }) {
  const { isPending, show } = useUrlView(rangeSearchParams);
  const [data] = trpc.responsiveness.get.useSuspenseQuery({ orgSlug, ...range });
  const custom = Boolean(range.from || range.to);
  const query = rangeSearchParams(range).toString();

  const target = data.replyTargetHours;
  const empty = data.agency.questions === 0 && data.agency.owedNow === 0;

  return (
    <AgencyPage
      orgSlug={orgSlug}
      heading={HEADING}
      headerExtra={
        <p className="mt-2 text-sm font-medium text-slate-800" data-testid="reply-target">
          Reply target: {target} h
        </p>
      }
    >
      <RangeFilter key={query} from={data.range.from} to={data.range.to} custom={custom} onChange={show} />

      <UpdatingRegion pending={isPending} className="space-y-6">
        <p className="text-sm text-slate-600" data-testid="responsiveness-range">
          Questions asked from {formatIsoDay(data.range.from)} to {formatIsoDay(data.range.to)} (days in {data.timeZone}){custom ? '' : ', the last 90 days'}.
        </p>

        {empty ? (
          <EmptyStateCard title="No questions in this period" testId="responsiveness-empty" action={custom ? { label: 'Show the last 90 days', onClick: () => show({}) } : undefined}>
            When candidates ask a question in the portal or reply by email, this page shows how quickly each recruiter and team answers them.
          </EmptyStateCard>
        ) : (
          <>
            <FiguresTable
              id="by-recruiter"
              caption="By recruiter"
              description="Questions from the candidates each person owns."
              nameHeader="Recruiter"
              targetHours={target}
              agency={data.agency}
              rows={data.byRecruiter.map((r) => ({
                key: r.userId ?? 'none',
                name: r.userId === null ? 'No owner' : (r.name ?? r.email ?? 'A former member'),
                detail: r.userId !== null && r.name && r.email ? r.email : null,
                figures: r,
              }))}
            />
            <FiguresTable
              id="by-team"
              caption="By team"
              description="Questions from the candidates of each team."
              nameHeader="Team"
              targetHours={target}
              agency={data.agency}
              rows={data.byTeam.map((t) => ({
                key: t.teamId ?? 'none',
                name: t.teamId === null ? 'No team' : `${t.name ?? 'A removed team'}${t.archived ? ' (archived)' : ''}`,
                detail: null,
                figures: t,
              }))}
            />
          </>
        )}

        <section aria-labelledby="responsiveness-notes" className="text-sm text-slate-600">
          <h2 id="responsiveness-notes" className="font-semibold text-slate-800">
            How these figures are counted
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>A question is a question from the portal or an email reply from a candidate, counted on the day it was asked.</li>
            <li>Its first reply is the first answer, email, call or message to that candidate at or after the question. The median is over answered questions.</li>
            <li>
              Answered within {target} h is out of the questions answered or left waiting longer than {target} h; a question still inside its {target} h is not counted yet.
            </li>
            <li>Replies owed now counts candidates waiting for a reply today, whenever they asked (archived candidates are left out).</li>
          </ul>
        </section>
      </UpdatingRegion>
    </AgencyPage>
  );
}

function RangeFilter({ from, to, custom, onChange }: { from: string; to: string; custom: boolean; onChange: (next: ResponsivenessRange) => void }) {
  const [draftFrom, setDraftFrom] = useState(from);
  const [draftTo, setDraftTo] = useState(to);
  const [error, setError] = useState<string | null>(null);
  const ids = { from: useId(), to: useId(), error: useId() };

  function change(nextFrom: string, nextTo: string) {
    setDraftFrom(nextFrom);
    setDraftTo(nextTo);
    if (!nextFrom || !nextTo) {
      setError('Choose both a start and an end date.');
      return;
    }
    const problem = rangeProblem(nextFrom, nextTo);
    setError(problem);
    if (!problem) onChange({ from: nextFrom, to: nextTo });
  }

  return (
    <form role="search" aria-label="Choose the period" onSubmit={(e) => e.preventDefault()} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Questions asked</legend>
        <div className="mt-1.5 flex flex-wrap items-end gap-3">
          <DateRangeFields layout="compact" from={draftFrom} to={draftTo} onChange={change} ids={ids} error={error} />
          {custom ? (
            <Button type="button" variant="ghost" onClick={() => onChange({})}>
              Last 90 days
            </Button>
          ) : null}
        </div>
        <AlertLine id={ids.error} className="mt-2" message={error} />
      </fieldset>
    </form>
  );
}

interface TableRow {
  key: string;
  name: string;
  detail: string | null;
  figures: ResponsivenessFigures;
}

function Missing({ reason }: { reason: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{reason}</span>
    </>
  );
}

function Cells({ figures }: { figures: ResponsivenessFigures }) {
  const share = figures.withinTargetShare;
  return (
    <>
      <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{figures.questions}</td>
      <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
        {figures.medianReplySeconds === null ? <Missing reason="No replies yet" /> : formatDuration(figures.medianReplySeconds * 1000)}
      </td>
      <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
        {share === null ? (
          <Missing reason="Not measured yet" />
        ) : (
          <>
            {Math.round(share * 100)}%<span className="ml-1 text-xs text-slate-600">({figures.withinTarget} of {figures.decided})</span>
          </>
        )}
      </td>
      <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{figures.unanswered}</td>
      <td className={cx('px-3 py-2 text-right whitespace-nowrap tabular-nums', figures.owedNow > 0 && 'font-semibold text-slate-900')}>{figures.owedNow}</td>
    </>
  );
}

function FiguresTable({
  id,
  caption,
  description,
  nameHeader,
  targetHours,
  agency,
  rows,
}: {
  id: string;
  caption: string;
  description: string;
  nameHeader: string;
  targetHours: number;
  agency: ResponsivenessFigures;
  rows: TableRow[];
}) {
  const captionId = `${id}-caption`;
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200" data-testid={id}>
      <table className="w-full min-w-[44rem] border-collapse text-left text-sm">
        <caption id={captionId} className="px-4 pt-4 pb-2 text-left">
          <span className="block text-base font-semibold text-slate-900">{caption}</span>
          <span className="mt-0.5 block text-sm font-normal text-slate-600">{description}</span>
        </caption>
        <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              {nameHeader}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Questions
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Median time to first reply
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Answered within {targetHours} h
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Unanswered
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Replies owed now
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-800">
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                {row.name}
                {row.detail ? <span className="block text-xs font-normal text-slate-600">{row.detail}</span> : null}
              </th>
              <Cells figures={row.figures} />
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-semibold text-slate-900">
          <tr>
            <th scope="row" className="px-3 py-2 text-left">
              Whole agency
            </th>
            <Cells figures={agency} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
