'use client';

import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { LiveStatus } from '@/app/_components/form';
import { jobStatusLabel, type JobStatus } from '@/app/_components/records';
import { ArchivedPill, Pill, type PillTone } from '@/app/_components/status';
import { Button, Card, cx } from '@/app/_components/ui';
import { useOrg, type OrgView } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { JobForm } from './job-form';

export const STATUS_TONES: Record<string, PillTone> = { open: 'green', on_hold: 'amber', closed: 'slate' };

export function JobStatusPill({ status }: { status: string }) {
  return <Pill tone={STATUS_TONES[status] ?? 'slate'}>{jobStatusLabel(status)}</Pill>;
}

export function JobsList({ orgSlug, viewerUserId, initialArchived }: { orgSlug: string; viewerUserId: string; initialArchived: boolean }) {
  const org = useOrg(orgSlug, viewerUserId);
  const [includeArchived, setIncludeArchived] = useState(initialArchived);
  const shownArchived = useDeferredValue(includeArchived);
  const switching = shownArchived !== includeArchived;
  const [status, setStatus] = useState<string>();

  function toggleArchived(next: boolean) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${next ? '?archived=1' : ''}`);
    setIncludeArchived(next);
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">Jobs</h1>
          <p className="mt-1 text-sm text-slate-600">The roles your teams recruit for, and how many interviews were followed up.</p>
        </div>
        {org.canWriteJobs ? <NewJob org={org} orgSlug={orgSlug} onCreated={(title) => setStatus(`${title} was added.`)} /> : null}
      </div>

      <LiveStatus testId="page-status" message={status} className={cx(status && 'rounded-md bg-emerald-50 px-3 py-2 text-emerald-900 ring-1 ring-inset ring-emerald-200')} />

      <Card padded={false}>
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <label className="flex min-h-10 items-center gap-2 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              checked={includeArchived}
              onChange={(e) => toggleArchived(e.target.checked)}
              data-testid="jobs-show-archived"
              className="size-4 rounded border-slate-500 text-brand-700 focus:ring-brand-600"
            />
            Show archived
          </label>
        </div>
        <JobRows orgSlug={orgSlug} includeArchived={shownArchived} switching={switching} org={org} />
      </Card>
    </div>
  );
}

function JobRows({ orgSlug, includeArchived, switching, org }: { orgSlug: string; includeArchived: boolean; switching: boolean; org: OrgView }) {
  const [jobs] = trpc.job.list.useSuspenseQuery({ orgSlug, includeArchived });
  if (jobs.length === 0) {
    return (
      <div className="px-4 py-12 text-center" data-testid="jobs-empty">
        <p className="text-base font-medium text-slate-900">{includeArchived ? 'No jobs yet.' : 'No active jobs.'}</p>
        <p className="mt-1 text-sm text-slate-600">
          {org.canWriteJobs ? 'Add the roles your teams are recruiting for, then add candidates to them.' : 'When your team adds jobs they appear here.'}
        </p>
      </div>
    );
  }
  return (
    <div aria-busy={switching} className={cx('transition-opacity', switching && 'opacity-60')}>
      <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Jobs table (scrolls sideways on small screens)">
        <table className="w-full min-w-[52rem] text-left text-sm [&_td]:whitespace-nowrap">
          <caption className="sr-only">Jobs with their applications, interviews and follow-ups</caption>
          <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-4 py-2.5">
                Job
              </th>
              <th scope="col" className="px-4 py-2.5">
                Client company
              </th>
              <th scope="col" className="px-4 py-2.5">
                Team
              </th>
              <th scope="col" className="px-4 py-2.5">
                Status
              </th>
              <th scope="col" className="px-4 py-2.5 text-right">
                Applications
              </th>
              <th scope="col" className="px-4 py-2.5 text-right">
                Interviews
              </th>
              <th scope="col" className="px-4 py-2.5 text-right">
                Followed up
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {jobs.map((j) => (
              <tr key={j.id} data-testid="job-row" className="group hover:bg-slate-50">
                <th scope="row" className="sticky left-0 z-10 max-w-[11rem] bg-white px-4 py-3 sm:max-w-[16rem] text-left font-normal group-hover:bg-slate-50">
                  <span className="flex flex-wrap items-center gap-2">
                    <Link href={`/${orgSlug}/jobs/${j.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {j.title}
                    </Link>
                    {j.archived ? <ArchivedPill /> : null}
                  </span>
                </th>
                <td className="px-4 py-3 text-slate-700">{j.clientCompany}</td>
                <td className="px-4 py-3 text-slate-700">{j.teamName}</td>
                <td className="px-4 py-3">
                  <JobStatusPill status={j.status as JobStatus} />
                </td>
                <td className="px-4 py-3 text-right text-slate-700 tabular-nums">{j.applications}</td>
                <td className="px-4 py-3 text-right text-slate-700 tabular-nums">{j.interviews}</td>
                <td className="px-4 py-3 text-right text-slate-700 tabular-nums">
                  {j.interviews === 0 ? (
                    <span className="text-slate-500">—</span>
                  ) : (
                    <span title={`${j.followedUp} of ${j.interviews} interviews were followed up`}>
                      {j.followedUp} of {j.interviews}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function NewJob({ org, orgSlug, onCreated }: { org: OrgView; orgSlug: string; onCreated: (title: string) => void }) {
  const [open, setOpen] = useState(false);
  const utils = trpc.useUtils();
  const create = trpc.job.create.useMutation({
    onSuccess: async (job) => {
      await utils.job.list.invalidate();
      setOpen(false);
      onCreated(job.title);
    },
  });
  return (
    <>
      <Button
        type="button"
        onClick={() => {
          create.reset();
          setOpen(true);
        }}
      >
        New job
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New job" description="A role a client asked you to fill." testId="new-job-dialog">
        {org.ownTeams.length === 0 ? (
          <p className="text-sm text-slate-700">You are not in a team yet. A job belongs to a team: ask an admin to add you to one.</p>
        ) : (
          <JobForm
            idPrefix="new-job"
            org={org}
            withTeam
            initial={{ teamId: org.ownTeams.length === 1 ? org.ownTeams[0]!.id : '', clientCompany: '', title: '', status: 'open' }}
            error={create.error}
            pending={create.isPending}
            submitLabel="Add job"
            pendingLabel="Adding…"
            onCancel={() => setOpen(false)}
            onSubmit={(values) => create.mutate({ orgSlug, ...values })}
          />
        )}
      </Dialog>
    </>
  );
}

export function JobsSkeleton() {
  // Sized like the loaded page so nothing moves when it arrives.
  return (
    <div aria-busy="true" aria-label="Loading jobs" className="space-y-6">
      <div className="flex animate-pulse flex-wrap items-end justify-between gap-4">
        <div className="w-full space-y-2 sm:w-auto">
          <div className="h-8 w-32 rounded bg-slate-200" />
          <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
        </div>
        <div className="flex gap-2">
          <div className="h-10 w-24 rounded-md bg-slate-200" />
        </div>
      </div>
      <div className="animate-pulse overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <div className="h-[65px] border-b border-slate-200" />
        <div className="h-[52px] bg-slate-50 sm:h-9" />
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex h-[65px] items-center gap-6 border-b border-slate-100 px-4 sm:h-[46px]">
            <div className="h-4 w-40 rounded bg-slate-200" />
            <div className="h-4 w-28 rounded bg-slate-100" />
            <div className="hidden h-4 w-28 rounded bg-slate-100 sm:block" />
            <div className="h-5 w-14 rounded-full bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
