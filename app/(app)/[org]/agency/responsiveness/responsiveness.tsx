'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useId, useState, useTransition, type ReactNode } from 'react';
import { formatDuration } from '@/app/_components/format';
import { Button, Card, cx } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import type { ResponsivenessFigures } from '@/server/services/responsiveness/get-responsiveness';
import { formatIsoDay, rangeProblem, rangeSearchParams, type ResponsivenessRange } from './range-filters';

const controlClass =
  'block h-10 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 sm:text-sm';

function Header({ orgSlug, children }: { orgSlug: string; children?: ReactNode }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex flex-wrap items-center gap-1 text-slate-600">
          <li>
            <Link href={`/${orgSlug}/agency`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              Agency
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="text-slate-700">
            Responsiveness
          </li>
        </ol>
      </nav>
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Responsiveness</h1>
        <p className="mt-1 text-sm text-slate-600">How quickly your agency answers candidates’ questions and email replies, by recruiter and by team.</p>
        {children}
      </div>
    </>
  );
}

export function ResponsivenessSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading responsiveness" className="animate-pulse space-y-6">
      <div className="h-5 w-48 rounded bg-slate-200" />
      <div className="space-y-2">
        <div className="h-8 w-56 rounded bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      </div>
      <div className="h-24 rounded-lg bg-slate-200" />
      <div className="h-56 rounded-lg bg-slate-200" />
      <div className="h-48 rounded-lg bg-slate-200" />
    </div>
  );
}

export function ResponsivenessForbidden({ orgSlug }: { orgSlug: string }) {
  return (
    <div className="space-y-6">
      <Header orgSlug={orgSlug} />
      <Card>
        <p className="text-sm text-slate-700" data-testid="responsiveness-forbidden">
          Only owners and admins can see how responsive recruiters and teams are.
        </p>
      </Card>
    </div>
  );
}

export function Responsiveness({ orgSlug, range }: { orgSlug: string; range: ResponsivenessRange }) {
  const router = useRouter();
  const pathname = usePathname();
  const [isPending, startTransition] = useTransition();
  const [data] = trpc.responsiveness.get.useSuspenseQuery({ orgSlug, ...range });
  const custom = Boolean(range.from || range.to);
  const query = rangeSearchParams(range).toString();

  function show(next: ResponsivenessRange) {
    const qs = rangeSearchParams(next).toString();
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  }

  const target = data.replyTargetHours;
  const empty = data.agency.questions === 0 && data.agency.owedNow === 0;

  return (
    <div className="space-y-6">
      <Header orgSlug={orgSlug}>
        <p className="mt-2 text-sm font-medium text-slate-800" data-testid="reply-target">
          Reply target: {target} h
        </p>
      </Header>

      <RangeFilter key={query} from={data.range.from} to={data.range.to} custom={custom} onChange={show} />

      <div aria-busy={isPending} className={cx('space-y-6 transition-opacity', isPending && 'opacity-60')}>
        <p className="text-sm text-slate-600" data-testid="responsiveness-range">
          Questions asked from {formatIsoDay(data.range.from)} to {formatIsoDay(data.range.to)} (days in {data.timeZone}){custom ? '' : ', the last 90 days'}.
        </p>

        {empty ? (
          <Card className="text-center">
            <h2 className="text-base font-semibold text-slate-900">No questions in this period</h2>
            <p className="mx-auto mt-2 max-w-md text-sm text-slate-600" data-testid="responsiveness-empty">
              When candidates ask a question in the portal or reply by email, this page shows how quickly each recruiter and team answers them.
            </p>
            {custom ? (
              <Button type="button" variant="secondary" className="mt-4" onClick={() => show({})}>
                Show the last 90 days
              </Button>
            ) : null}
          </Card>
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
      </div>
    </div>
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
          <div className="min-w-40 flex-1 space-y-1 sm:flex-none">
            <label htmlFor={ids.from} className="block text-xs text-slate-600">
              From
            </label>
            <input
              id={ids.from}
              type="date"
              value={draftFrom}
              max={draftTo || undefined}
              onChange={(e) => change(e.target.value, draftTo)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
              className={controlClass}
            />
          </div>
          <div className="min-w-40 flex-1 space-y-1 sm:flex-none">
            <label htmlFor={ids.to} className="block text-xs text-slate-600">
              To
            </label>
            <input
              id={ids.to}
              type="date"
              value={draftTo}
              min={draftFrom || undefined}
              onChange={(e) => change(draftFrom, e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
              className={controlClass}
            />
          </div>
          {custom ? (
            <Button type="button" variant="ghost" onClick={() => onChange({})}>
              Last 90 days
            </Button>
          ) : null}
        </div>
        {error ? (
          <p id={ids.error} role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
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
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200" data-testid={id}>
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
