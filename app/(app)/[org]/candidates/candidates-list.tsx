'use client';

import Link from 'next/link';
import { useDeferredValue, useId, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { LiveStatus } from '@/app/_components/form';
import { ArchivedPill, FollowUpStatus } from '@/app/_components/status';
import { Button, ButtonLink, Card, cx } from '@/app/_components/ui';
import { useOrg, type OrgView } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { CandidateForm, candidateInputOf, EMPTY_CANDIDATE } from './candidate-form';
import { candidateListInput, filtersToSearch, type CandidateFilters } from './filters';

const SEARCH_DELAY_MS = 300;

export function CandidatesList({ orgSlug, viewerUserId, initialFilters }: { orgSlug: string; viewerUserId: string; initialFilters: CandidateFilters }) {
  const org = useOrg(orgSlug, viewerUserId);
  const [filters, setFilters] = useState(initialFilters);
  const [text, setText] = useState(initialFilters.q);
  // The controls show the new filters at once; the rows follow when the new results are in (until
  // then the current rows stay on screen, dimmed, instead of a loading fallback).
  const shown = useDeferredValue(filters);
  const searching = shown !== filters;
  const [status, setStatus] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const searchId = useId();

  function apply(next: CandidateFilters) {
    clearTimeout(timer.current);
    // The URL keeps the filters (shareable, survives reload) without a server round trip.
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${filtersToSearch(next)}`);
    setFilters(next);
  }

  function onSearchChange(value: string) {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => apply({ ...filters, q: value }), SEARCH_DELAY_MS);
  }

  function onSearchSubmit(event: FormEvent) {
    event.preventDefault();
    apply({ ...filters, q: text });
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">Candidates</h1>
          <p className="mt-1 text-sm text-slate-600">Everyone your teams are talking to, and whether they followed up.</p>
        </div>
        {org.canWrite ? (
          <div className="flex flex-wrap gap-2">
            <ButtonLink href={`/${orgSlug}/candidates/import`} variant="secondary">
              Import CSV
            </ButtonLink>
            <NewCandidate org={org} orgSlug={orgSlug} onCreated={(name) => setStatus(`${name} was added.`)} />
          </div>
        ) : null}
      </div>

      <LiveStatus testId="page-status" message={status} className={cx(status && 'rounded-md bg-emerald-50 px-3 py-2 text-emerald-900 ring-1 ring-inset ring-emerald-200')} />

      <Card padded={false}>
        <form role="search" aria-label="Candidates" onSubmit={onSearchSubmit} className="flex flex-col gap-3 border-b border-slate-200 p-4 sm:flex-row sm:items-end">
          <div className="flex-1 space-y-1.5">
            <label htmlFor={searchId} className="block text-sm font-medium text-slate-800">
              Search candidates
            </label>
            <input
              id={searchId}
              type="search"
              name="q"
              data-testid="candidate-search"
              value={text}
              maxLength={100}
              placeholder="Name or email"
              autoComplete="off"
              onChange={(e) => onSearchChange(e.target.value)}
              className="block h-10 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base shadow-sm placeholder:text-slate-500 focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none sm:text-sm"
            />
          </div>
          <div className="space-y-1.5 sm:w-56">
            <label htmlFor={`${searchId}-team`} className="block text-sm font-medium text-slate-800">
              Team
            </label>
            <select
              id={`${searchId}-team`}
              value={filters.teamId}
              data-testid="candidate-team-filter"
              onChange={(e) => apply({ ...filters, q: text, teamId: e.target.value })}
              className="block h-10 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none sm:text-sm"
            >
              <option value="">All teams</option>
              {org.ownTeams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <label className="flex min-h-10 items-center gap-2 text-sm font-medium text-slate-800 sm:pb-0.5">
            <input
              type="checkbox"
              checked={filters.archived}
              data-testid="candidate-show-archived"
              onChange={(e) => apply({ ...filters, q: text, archived: e.target.checked })}
              className="size-4 rounded border-slate-500 text-brand-700 focus:ring-brand-600"
            />
            Show archived
          </label>
        </form>
        <CandidateRows
          orgSlug={orgSlug}
          filters={shown}
          searching={searching}
          canWrite={org.canWrite}
          onClear={() => {
            setText('');
            apply({ q: '', teamId: '', archived: filters.archived });
          }}
        />
      </Card>
    </div>
  );
}

function CandidateRows({ orgSlug, filters, searching, canWrite, onClear }: { orgSlug: string; filters: CandidateFilters; searching: boolean; canWrite: boolean; onClear: () => void }) {
  const [data, query] = trpc.candidate.list.useSuspenseInfiniteQuery(candidateListInput(orgSlug, filters), { getNextPageParam: (page) => page.nextCursor });
  const items = data.pages.flatMap((p) => p.items);
  const filtered = Boolean(filters.q.trim() || filters.teamId);
  const busy = searching || (query.isFetching && !query.isFetchingNextPage);

  const summary = searching
    ? 'Searching…'
    : items.length === 0
      ? filtered
        ? 'No candidates match.'
        : 'No candidates yet.'
      : `${items.length}${query.hasNextPage ? '+' : ''} ${items.length === 1 ? 'candidate' : 'candidates'}${filtered ? ' match' : ''}.`;

  return (
    <div aria-busy={busy} className={cx('transition-opacity', searching && 'opacity-60')}>
      <LiveStatus testId="candidates-summary" message={summary} className="sr-only" />
      {items.length === 0 ? (
        <div className="px-4 py-12 text-center" data-testid="candidates-empty">
          <p className="text-base font-medium text-slate-900">{filtered ? 'No candidates match your search.' : filters.archived ? 'No candidates yet.' : 'No active candidates.'}</p>
          <p className="mt-1 text-sm text-slate-600">
            {filtered
              ? 'Try part of a name or an email address, or another team.'
              : canWrite
                ? 'Add a candidate, or import a CSV from your ATS.'
                : 'When your team adds candidates they appear here.'}
          </p>
          {filtered ? (
            <Button type="button" variant="secondary" className="mt-4" onClick={onClear}>
              {filters.teamId ? 'Clear search and team' : 'Clear search'}
            </Button>
          ) : null}
        </div>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm sm:min-w-[44rem]">
            <caption className="sr-only">Candidates, by name</caption>
            <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5">
                  Candidate
                </th>
                <th scope="col" className="hidden px-4 py-2.5 sm:table-cell">
                  Team
                </th>
                <th scope="col" className="hidden px-4 py-2.5 sm:table-cell">
                  Owner
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Follow-up
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((c) => (
                <tr key={c.id} data-testid="candidate-row" data-candidate-id={c.id} className="hover:bg-slate-50">
                  <th scope="row" className="max-w-[12rem] px-4 py-3 text-left align-top font-normal sm:max-w-[18rem] sm:align-middle">
                    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                      <Link href={`/${orgSlug}/candidates/${c.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {c.name}
                      </Link>
                      {c.archived ? <ArchivedPill /> : null}
                    </span>
                    <span className="block truncate text-slate-600" data-testid="candidate-email">
                      {c.email}
                    </span>
                    <span className="mt-0.5 block truncate text-xs text-slate-600 sm:hidden">
                      {[c.teamName ?? 'No team', c.ownerName ?? 'No owner'].join(' · ')}
                    </span>
                  </th>
                  <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">{c.teamName ?? <span className="text-slate-500">No team</span>}</td>
                  <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">{c.ownerName ?? <span className="text-slate-500">No owner</span>}</td>
                  <td className="px-4 py-3 align-top sm:align-middle">
                    <FollowUpStatus followedUpAt={c.followedUpAt} awaitingReplySince={c.awaitingReplySince} maxStrength={c.maxStrength} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage ? (
        <div className="flex justify-center border-t border-slate-200 p-4">
          <Button type="button" variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} data-testid="candidates-load-more">
            {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function NewCandidate({ org, orgSlug, onCreated }: { org: OrgView; orgSlug: string; onCreated: (name: string) => void }) {
  const [open, setOpen] = useState(false);
  const utils = trpc.useUtils();
  const create = trpc.candidate.create.useMutation({
    onSuccess: async (candidate) => {
      await utils.candidate.list.invalidate();
      setOpen(false);
      onCreated(candidate.name);
    },
  });

  return (
    <>
      <Button type="button" onClick={() => {
          create.reset();
          setOpen(true);
        }}>
        New candidate
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New candidate" description="Add someone your team is talking to. Only name and email are required." testId="new-candidate-dialog">
        <CandidateForm
          idPrefix="new-candidate"
          org={org}
          initial={{ ...EMPTY_CANDIDATE, ownerUserId: org.viewerUserId, teamId: org.ownTeams.length === 1 ? org.ownTeams[0]!.id : '' }}
          error={create.error}
          pending={create.isPending}
          submitLabel="Add candidate"
          pendingLabel="Adding…"
          onCancel={() => setOpen(false)}
          onSubmit={(values) => create.mutate({ orgSlug, ...candidateInputOf(values) })}
        />
      </Dialog>
    </>
  );
}

export function CandidatesSkeleton() {
  // Sized like the loaded page (filters, header row, rows) so nothing moves when it arrives.
  return (
    <div aria-busy="true" aria-label="Loading candidates" className="space-y-6">
      <div className="flex animate-pulse flex-wrap items-end justify-between gap-4">
        <div className="w-full space-y-2 sm:w-auto">
          <div className="h-8 w-48 rounded bg-slate-200" />
          <div className="h-4 w-80 max-w-full rounded bg-slate-200" />
        </div>
        <div className="flex gap-2">
          <div className="h-10 w-28 rounded-md bg-slate-200" />
          <div className="h-10 w-36 rounded-md bg-slate-200" />
        </div>
      </div>
      <div className="animate-pulse overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <div className="h-[229px] border-b border-slate-200 sm:h-[99px]" />
        <div className="h-9 bg-slate-50" />
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex h-[83px] items-center gap-4 border-b border-slate-100 px-4 sm:h-[65px]">
            <div className="flex-1 space-y-2">
              <div className="h-4 w-40 rounded bg-slate-200" />
              <div className="h-3 w-56 max-w-full rounded bg-slate-100" />
            </div>
            <div className="hidden h-4 w-24 rounded bg-slate-100 sm:block" />
            <div className="hidden h-4 w-24 rounded bg-slate-100 sm:block" />
            <div className="h-5 w-24 rounded-full bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
