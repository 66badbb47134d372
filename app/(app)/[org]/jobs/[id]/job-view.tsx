'use client';

import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import { LiveStatus } from '@/app/_components/form';
import { RecordActions } from '@/app/_components/record-actions';
import { formatInterviewers, interviewKindLabel, STAGE_LABELS, type JobStatus } from '@/app/_components/records';
import { ArchivedPill, Pill } from '@/app/_components/status';
import { DateRange, DateTime, useNow } from '@/app/_components/time';
import { Breadcrumb, Card, cx } from '@/app/_components/ui';
import { useOrg, type OrgView, type RouterOutputs } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { JobForm } from '../job-form';
import { JobStatusPill } from '../jobs-list';

type JobData = RouterOutputs['job']['get'];
type Application = JobData['applications'][number];

export function JobView({ orgSlug, jobId, viewerUserId }: { orgSlug: string; jobId: string; viewerUserId: string }) {
  const org = useOrg(orgSlug, viewerUserId);
  const [data] = trpc.job.get.useSuspenseQuery({ orgSlug, jobId });
  const [status, setStatus] = useState<string>();
  const { job, applications } = data;
  const interviews = applications.flatMap((a) => a.interviews);
  const followedUp = interviews.filter((i) => i.followedUpAt).length;
  const candidatesFollowedUp = applications.filter((a) => a.interviews.some((i) => i.followedUpAt)).length;

  return (
    <div className="space-y-6">
      <Breadcrumb parent={{ href: `/${orgSlug}/jobs`, label: 'Jobs' }} current={job.title} />

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <h1 className="text-2xl font-bold tracking-tight break-words text-slate-900" data-testid="job-title">
              {job.title}
            </h1>
            <JobStatusPill status={job.status} />
            {job.archived ? <ArchivedPill /> : null}
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {job.clientCompany}
            {org.teamName(job.teamId) ? ` · ${org.teamName(job.teamId)}` : ''}
          </p>
        </div>
        {org.canWriteJobs ? <JobActions org={org} orgSlug={orgSlug} job={job} onDone={setStatus} /> : null}
      </div>

      <LiveStatus testId="page-status" message={status} className={cx(status && 'rounded-md bg-emerald-50 px-3 py-2 text-emerald-900 ring-1 ring-inset ring-emerald-200')} />

      {job.archived ? (
        <p className="rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-800 ring-1 ring-inset ring-slate-200">This job is archived: it is hidden from the jobs list and the dashboard.</p>
      ) : null}

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="job-summary">
        <Summary label="Candidates">{applications.length}</Summary>
        <Summary label="Interviews">{interviews.length}</Summary>
        <Summary label="Interviews followed up">{interviews.length ? `${followedUp} of ${interviews.length}` : '—'}</Summary>
        <Summary label="Candidates who followed up">{applications.length ? `${candidatesFollowedUp} of ${applications.length}` : '—'}</Summary>
      </dl>

      <Card padded={false}>
        <div className="border-b border-slate-200 p-4 sm:p-5">
          <h2 className="text-base font-semibold text-slate-900">Candidates and interviews</h2>
          <p className="mt-1 text-sm text-slate-600">Add a candidate to this job from their page.</p>
        </div>
        {applications.length === 0 ? (
          <div className="px-4 py-10 text-center" data-testid="job-applications-empty">
            <p className="font-medium text-slate-900">No candidates yet</p>
            <p className="mt-1 text-sm text-slate-600">
              Open a{' '}
              <Link href={`/${orgSlug}/candidates`} className="font-medium text-brand-700 underline underline-offset-2">
                candidate
              </Link>{' '}
              and use “Add application” to put them forward for this job.
            </p>
          </div>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="job-applications">
            {applications.map((a) => (
              <ApplicationItem key={a.id} orgSlug={orgSlug} application={a} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function Summary({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-1 text-xl font-semibold text-slate-900 tabular-nums">{children}</dd>
    </div>
  );
}

function ApplicationItem({ orgSlug, application: a }: { orgSlug: string; application: Application }) {
  const now = useNow();
  const followed = a.interviews.filter((i) => i.followedUpAt);
  const past = a.interviews.filter((i) => (now ? i.endsAt <= now : true));
  return (
    <li className="grid gap-3 px-4 py-4 sm:px-5 md:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]" data-testid="job-application">
      <div className="min-w-0">
        <Link href={`/${orgSlug}/candidates/${a.candidateId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {a.candidateName}
        </Link>
        <p className="truncate text-sm text-slate-600">{a.candidateEmail}</p>
        <p className="mt-1.5 flex flex-wrap gap-1">
          <Pill>{STAGE_LABELS[a.stage]}</Pill>
          {followed.length > 0 ? (
            <Pill tone="green">
              <span aria-hidden="true">✓</span> Followed up
            </Pill>
          ) : a.interviews.length === 0 ? (
            <Pill tone="slate">No interview yet</Pill>
          ) : past.length === 0 ? (
            <Pill tone="brand">Interview upcoming</Pill>
          ) : (
            <Pill tone="amber">No follow-up yet</Pill>
          )}
        </p>
      </div>
      {a.interviews.length === 0 ? (
        <p className="text-sm text-slate-600 md:py-0.5">No interviews scheduled.</p>
      ) : (
        <ul className="space-y-2" aria-label={`Interviews of ${a.candidateName}`}>
          {a.interviews.map((i) => (
            <li key={i.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200 ring-inset">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium text-slate-900">
                  {interviewKindLabel(i.kind)} · <DateRange start={i.startsAt} end={i.endsAt} className="font-normal" />
                </p>
                {i.followedUpAt ? (
                  <Pill tone="green">
                    <span aria-hidden="true">✓</span> Followed up <DateTime value={i.followedUpAt} style="short" />
                  </Pill>
                ) : now && i.endsAt > now ? (
                  <Pill tone="brand">Upcoming</Pill>
                ) : (
                  <Pill tone="slate" className={now ? undefined : 'invisible'}>
                    No follow-up
                  </Pill>
                )}
              </div>
              {i.interviewers.length ? <p className="mt-0.5 text-slate-600">With {formatInterviewers(i.interviewers)}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function JobActions({ org, orgSlug, job, onDone }: { org: OrgView; orgSlug: string; job: JobData['job']; onDone: (message: string) => void }) {
  const utils = trpc.useUtils();
  const refresh = () => Promise.all([utils.job.get.invalidate({ orgSlug, jobId: job.id }), utils.job.list.invalidate()]);
  const update = trpc.job.update.useMutation({
    onSuccess: async () => {
      await Promise.all([refresh(), utils.candidate.get.invalidate()]);
      onDone('Job saved.');
    },
  });
  const archive = trpc.job.archive.useMutation({
    onSuccess: async (_row, input) => {
      await refresh();
      onDone(input.archived ? `${job.title} was archived.` : `${job.title} was restored.`);
    },
  });

  return (
    <RecordActions
      name={job.title}
      archived={job.archived}
      editLabel="Edit job"
      editTestId="edit-job-dialog"
      onOpen={() => {
        update.reset();
        archive.reset();
      }}
      editForm={(close) => (
        <JobForm
          idPrefix="edit-job"
          org={org}
          withTeam={false}
          initial={{ teamId: job.teamId, title: job.title, clientCompany: job.clientCompany, status: job.status as JobStatus }}
          error={update.error}
          pending={update.isPending}
          submitLabel="Save job"
          pendingLabel="Saving…"
          onCancel={close}
          onSubmit={(values) =>
            update.mutate({ orgSlug, jobId: job.id, title: values.title, clientCompany: values.clientCompany, status: values.status }, { onSuccess: close })
          }
        />
      )}
      archive={{
        pending: archive.isPending,
        error: archive.error?.message,
        run: (close) => archive.mutate({ orgSlug, jobId: job.id, archived: !job.archived }, { onSuccess: close }),
      }}
      archiveNote={<p>Archived jobs are hidden from the jobs list and the dashboard. Its applications, interviews and touches are kept: you can restore it at any time.</p>}
      restoreNote={<p>The job shows in the jobs list and on the dashboard again.</p>}
    />
  );
}

export function JobSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading job" className="animate-pulse space-y-6">
      <div className="h-5 w-40 rounded bg-slate-200" />
      <div className="space-y-2">
        <div className="h-8 w-72 max-w-full rounded bg-slate-200" />
        <div className="h-4 w-56 rounded bg-slate-200" />
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-[4.75rem] rounded-lg bg-slate-200" />
        ))}
      </div>
      <div className="h-96 rounded-lg bg-slate-200" />
    </div>
  );
}
