'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import { Button } from '@/app/_components/ui';
import type { RouterOutputs } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { auditActionLabel, auditTargetTypeLabel, diffAuditValues } from '@/server/services/audit/audit-labels';
import { formatDateTime } from '../../_dashboard/dates';
import { AdminOnly } from '../_shared/admin-only';
import { AgencyPage, type AgencyPageHeading } from '../_shared/agency-page-header';
import { controlClass } from '../_shared/controls';
import { rangeOrderProblem } from '../_shared/date-range';
import { DateRangeFields } from '../_shared/date-range-fields';
import { EmptyStateCard } from '../_shared/empty-state';
import { HeaderSkeleton, PageSkeleton } from '../_shared/page-skeleton';
import { AlertLine } from '../_shared/status-lines';
import { UpdatingRegion, useUrlView } from '../_shared/url-view';
import { auditSearchParams, hasAuditFilters, type AuditFilters } from './audit-filters';

type AuditEntry = RouterOutputs['audit']['list']['items'][number];
type Member = RouterOutputs['org']['overview']['members'][number];

const HEADING: AgencyPageHeading = {
  crumb: 'Audit log',
  title: 'Audit log',
  intro: 'Who did what in your agency, newest first. Entries cannot be changed or deleted.',
};

export function AuditLogSkeleton() {
  return (
    <PageSkeleton label="Loading the audit log">
      <HeaderSkeleton titleWidth="w-48" intro />
      <div className="h-24 rounded-lg bg-slate-200" />
      <div className="space-y-3">
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="h-20 rounded-lg bg-slate-200" />
        ))}
      </div>
    </PageSkeleton>
  );
}

export function AuditLogForbidden({ orgSlug }: { orgSlug: string }) {
  return (
    <AdminOnly orgSlug={orgSlug} heading={HEADING} testId="audit-forbidden">
      Only owners and admins can see the audit log. Ask one of them if you need to know who changed something.
    </AdminOnly>
  );
}

export function AuditLog({ orgSlug, filters }: { orgSlug: string; filters: AuditFilters }) {
  const { isPending, show } = useUrlView(auditSearchParams);
  const [actions] = trpc.audit.actions.useSuspenseQuery({ orgSlug });
  const [overview] = trpc.org.overview.useSuspenseQuery({ orgSlug });
  const [list, listQuery] = trpc.audit.list.useSuspenseInfiniteQuery({ orgSlug, ...filters }, { getNextPageParam: (page) => page.nextCursor });
  const entries = list.pages.flatMap((page) => page.items);
  const timeZone = list.pages[0]?.timeZone ?? 'UTC';
  const query = auditSearchParams(filters).toString();
  const filtered = hasAuditFilters(filters);

  return (
    <AgencyPage orgSlug={orgSlug} heading={HEADING} headerExtra={<p className="mt-1 text-sm text-slate-600">Times are in your agency’s time zone ({timeZone}).</p>}>
      <AuditFilterBar key={query} filters={filters} actions={actions} members={overview.members} onChange={show} />

      <UpdatingRegion pending={isPending} className="space-y-4">
        {entries.length === 0 ? (
          <EmptyStateCard
            title={filtered ? 'No entries match these filters' : 'No entries yet'}
            testId="audit-empty"
            action={filtered ? { label: 'Clear filters', onClick: () => show({}) } : undefined}
          >
            {filtered
              ? 'Try another action, another person or a wider date range.'
              : 'Invitations, role changes, team changes, settings, portal links, exports and erasures appear here as soon as someone makes them.'}
          </EmptyStateCard>
        ) : (
          <>
            <ol className="space-y-3" aria-label="Audit log entries" data-testid="audit-entries">
              {entries.map((entry) => (
                <AuditRow key={entry.id} entry={entry} orgSlug={orgSlug} timeZone={timeZone} />
              ))}
            </ol>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-slate-600" role="status">
                Showing {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
                {listQuery.hasNextPage ? '' : ' — that is all of them'}
              </p>
              {listQuery.hasNextPage ? (
                <Button type="button" variant="secondary" onClick={() => void listQuery.fetchNextPage()} disabled={listQuery.isFetchingNextPage}>
                  {listQuery.isFetchingNextPage ? 'Loading…' : 'Show more'}
                </Button>
              ) : null}
            </div>
          </>
        )}
      </UpdatingRegion>
    </AgencyPage>
  );
}

function AuditFilterBar({
  filters,
  actions,
  members,
  onChange,
}: {
  filters: AuditFilters;
  actions: string[];
  members: Member[];
  onChange: (next: AuditFilters) => void;
}) {
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const [rangeError, setRangeError] = useState<string | null>(null);
  const ids = { action: useId(), person: useId(), from: useId(), to: useId(), error: useId() };
  const apply = (patch: Partial<AuditFilters>) => onChange({ ...filters, ...patch });

  // An action or a person from an old link stays selectable, so the select shows what is applied.
  const actionOptions = [...new Set([...actions, ...(filters.action ? [filters.action] : [])])]
    .map((action) => ({ value: action, label: auditActionLabel(action) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en'));
  const knownPerson = !filters.actorUserId || members.some((m) => m.userId === filters.actorUserId);

  function changeDates(nextFrom: string, nextTo: string) {
    setFrom(nextFrom);
    setTo(nextTo);
    const problem = rangeOrderProblem(nextFrom, nextTo);
    setRangeError(problem);
    if (!problem) apply({ from: nextFrom || undefined, to: nextTo || undefined });
  }

  return (
    <form role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="space-y-1.5">
          <label htmlFor={ids.action} className="block text-sm font-medium text-slate-800">
            Action
          </label>
          <select id={ids.action} value={filters.action ?? ''} onChange={(e) => apply({ action: e.target.value || undefined })} className={controlClass}>
            <option value="">All actions</option>
            {actionOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor={ids.person} className="block text-sm font-medium text-slate-800">
            Person
          </label>
          <select id={ids.person} value={filters.actorUserId ?? ''} onChange={(e) => apply({ actorUserId: e.target.value || undefined })} className={controlClass}>
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name ? `${m.name} (${m.email})` : m.email}
              </option>
            ))}
            {knownPerson ? null : <option value={filters.actorUserId}>A former member</option>}
          </select>
        </div>
        <DateRangeFields from={from} to={to} onChange={changeDates} ids={ids} error={rangeError} />
      </div>
      <AlertLine id={ids.error} className="mt-2" message={rangeError} />
      {hasAuditFilters(filters) ? (
        <div className="mt-3">
          <Button type="button" variant="ghost" onClick={() => onChange({})}>
            Clear filters
          </Button>
        </div>
      ) : null}
    </form>
  );
}

function Actor({ actor }: { actor: AuditEntry['actor'] }) {
  if (!actor) return <span>Afterview (automatic)</span>;
  if (!actor.name && !actor.email) return <span>A former member</span>;
  return (
    <span>
      <span className="font-medium text-slate-900">{actor.name ?? actor.email}</span>
      {actor.name && actor.email ? <span className="text-slate-600"> ({actor.email})</span> : null}
    </span>
  );
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

function Target({ entry, orgSlug }: { entry: AuditEntry; orgSlug: string }) {
  const type = auditTargetTypeLabel(entry.targetType);
  if (entry.targetType === 'organization') return <span>{type}</span>;
  if (entry.targetLabel) {
    const label =
      entry.targetType === 'candidate' && entry.targetId ? (
        <Link href={`/${orgSlug}/candidates/${entry.targetId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {entry.targetLabel}
        </Link>
      ) : (
        <span className="font-medium text-slate-900">{entry.targetLabel}</span>
      );
    return (
      <span className="break-words">
        {type}: {label}
      </span>
    );
  }
  return <span className="break-all">{entry.targetId ? `${type} ${shortId(entry.targetId)}` : type}</span>;
}

function Value({ value }: { value: string | undefined }) {
  if (value === undefined) return <p className="text-sm text-slate-600 italic">(not set)</p>;
  return <pre className="overflow-x-auto rounded-md bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-words text-slate-800 ring-1 ring-slate-200 ring-inset">{value}</pre>;
}

function Details({ entry, label, when }: { entry: AuditEntry; label: string; when: string }) {
  const changes = diffAuditValues(entry.before, entry.after);
  return (
    <details className="mt-2 text-sm" data-testid="audit-details">
      <summary className="cursor-pointer font-medium text-brand-700 underline-offset-2 hover:underline">
        Details<span className="sr-only">{` of “${label}”, ${when}`}</span>
      </summary>
      <div className="mt-2 space-y-3">
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs text-slate-600">
          <dt>Action</dt>
          <dd className="font-mono break-all text-slate-800">{entry.action}</dd>
          <dt>Target</dt>
          <dd className="font-mono break-all text-slate-800">
            {entry.targetType}
            {entry.targetId ? ` ${entry.targetId}` : ''}
          </dd>
        </dl>
        {changes.length === 0 ? (
          <p className="text-slate-600">
            {entry.before === null && entry.after === null ? 'No values were recorded with this entry.' : 'Nothing changed: the values before and after are the same.'}
          </p>
        ) : (
          <ul className="space-y-3" aria-label="Changes">
            {changes.map((change) => (
              <li key={change.key ?? '(value)'}>
                <p className="font-mono text-xs font-semibold break-all text-slate-900">{change.key ?? 'Value'}</p>
                <div className="mt-1 grid items-start gap-2 sm:grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)]">
                  <div>
                    <p className="mb-1 text-xs text-slate-600">Before</p>
                    <Value value={change.before} />
                  </div>
                  <span aria-hidden="true" className="hidden pt-6 text-slate-500 sm:block">
                    →
                  </span>
                  <div>
                    <p className="mb-1 text-xs text-slate-600">After</p>
                    <Value value={change.after} />
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

function AuditRow({ entry, orgSlug, timeZone }: { entry: AuditEntry; orgSlug: string; timeZone: string }) {
  const label = auditActionLabel(entry.action);
  const when = formatDateTime(entry.createdAt, timeZone);
  return (
    <li className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="audit-entry">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 className="text-sm font-semibold text-slate-900">{label}</h2>
        <time dateTime={entry.createdAt.toISOString()} className="shrink-0 text-xs text-slate-600">
          {when}
        </time>
      </div>
      <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-0.5 text-sm text-slate-700">
        <dt className="text-slate-600">Who</dt>
        <dd className="min-w-0 break-words">
          <Actor actor={entry.actor} />
        </dd>
        <dt className="text-slate-600">Target</dt>
        <dd className="min-w-0">
          <Target entry={entry} orgSlug={orgSlug} />
        </dd>
      </dl>
      <Details entry={entry} label={label} when={when} />
    </li>
  );
}
